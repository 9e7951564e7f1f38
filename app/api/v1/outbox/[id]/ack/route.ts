// POST /api/v1/outbox/:id/ack — a connector reports { status: "sent" } or { status: "failed", error }
import { json, readJson, withApiKey } from "@/lib/http/api";
import { ackOutboxMessage } from "@/lib/outbox/outbox";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await ackOutboxMessage({ db, actor, outboxMessageId: params.id, input: await readJson(req) })),
);
