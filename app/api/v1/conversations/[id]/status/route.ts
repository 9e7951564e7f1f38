// POST /api/v1/conversations/:id/status — resolve ({ status: "resolved" }) or reopen ({ status: "open" })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await setConversationStatus({ db, actor, conversationId: params.id, input: await readJson(req) })),
);
