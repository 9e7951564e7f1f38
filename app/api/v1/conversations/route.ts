// GET /api/v1/conversations?list=all|mine|unassigned|resolved&cursor= — an inbox list, newest activity first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listConversations, listConversationsQuerySchema } from "@/lib/inbox/list-conversations";
import { conversationViewSchema } from "@/lib/conversations/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations",
    tag: "Conversations",
    summary:
      "An inbox list, newest activity first, 50 per page — except `waiting`, the live-chat queue (waiting, " +
      "unassigned chats), in queue order: the chat waiting longest first. `spam` holds every chat of spam-marked " +
      "contacts (agents without All access: those assigned to or marked by them); they are in no other list. " +
      "`suspected` holds open chats the spam classifier holds back as likely spam (tenant spam detection mode " +
      "`suspect`) until an agent confirms or dismisses them; agents without All access see only those assigned to " +
      "them. `mine` needs X-Agent-Id; `all` needs the “can see All chats” permission (403 otherwise).",
    query: listConversationsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: pageOf(conversationViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listConversations.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
