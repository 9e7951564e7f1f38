// POST /api/v1/conversations/:id/ban — ban the conversation's client on its channel ({ reason, expiresAt?, source? })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { banConversationClient } from "@/lib/blacklist/manage-bans";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) => {
  const { ban, closedConversations } = await banConversationClient({ db, actor, conversationId: params.id, input: await readJson(req) });
  return json({ ...ban, closedConversations }, 201);
});
