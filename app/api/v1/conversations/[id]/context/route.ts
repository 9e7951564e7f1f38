// PATCH /api/v1/conversations/:id/context — merge keys into the conversation context ({ "LiveChatBlockedUntil": null } lifts an anonymous block)
import { json, readJson, withApiKey } from "@/lib/http/api";
import { updateConversationContext } from "@/lib/live-chat/conversation-context";

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateConversationContext({ db, actor, conversationId: params.id, input: await readJson(req) })),
);
