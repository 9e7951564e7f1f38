// POST /api/v1/outbox/:id/ack — a connector reports { status: "sent" } or { status: "failed", error }
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { ackOutboxMessage, outboxAckSchema } from "@/lib/outbox/outbox";
import { outboxItemViewSchema } from "@/lib/outbox/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/outbox/:id/ack",
    tag: "Outbox",
    summary:
      "Report a delivery: sent, or failed with an error. Re-acknowledging a sent message as sent is a no-op; as " +
      "failed, 409.",
    body: outboxAckSchema,
    responses: {
      200: { description: "The outbox message", schema: outboxItemViewSchema },
      409: { description: "Already sent: it cannot fail now" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await ackOutboxMessage.fromUntrusted({ db, actor, outboxMessageId: params.id, input: await readJson(req) })),
);
