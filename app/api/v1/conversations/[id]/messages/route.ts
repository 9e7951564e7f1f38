// POST /api/v1/conversations/:id/messages — send an outgoing message (as X-Agent-Id or the key's default agent)
import { json, readJson, withApiKey } from "@/lib/http/api";
import { sendReply } from "@/lib/inbox/send-reply";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await sendReply({ db, actor, conversationId: params.id, input: await readJson(req) }), 201),
);
