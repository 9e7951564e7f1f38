// GET /api/v1/live-chat-blocks?status=active|expired|lifted|all&q=&kind=&cursor= — the Live Chat Blacklist, newest
// first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listBlocksQuerySchema, listLiveChatBlocks } from "@/lib/live-chat/list-blocks";
import { liveChatBlockViewSchema } from "@/lib/live-chat/block-view";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/live-chat-blocks",
    tag: "Live chat",
    summary:
      "The Live Chat Blacklist and its history, newest first, 50 per page: active blocks, expired ones (history; " +
      "expiry needs no job), lifted ones. Filter by user (q: name or external id), kind or contact. Supervisors, " +
      "admins and API keys.",
    query: listBlocksQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: pageOf(liveChatBlockViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listLiveChatBlocks.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
