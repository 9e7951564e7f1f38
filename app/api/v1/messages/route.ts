// POST /api/v1/messages — a channel webhook delivers an incoming message
import { json, readJson, withApiKey } from "@/lib/http/api";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";

// Limited per sender (429 with Retry-After past a sender's hard cap), not per key: see lib/admission/sender-flood.ts.
export const POST = withApiKey(async ({ db, actor, req }) => json(await receiveIncomingMessage({ db, actor, input: await readJson(req) }), 202), {
  perKeyLimit: false,
});
