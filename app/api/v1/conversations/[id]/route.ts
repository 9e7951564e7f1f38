// GET /api/v1/conversations/:id — one conversation with its messages and timeline events
import { json, withApiKey } from "@/lib/http/api";
import { getConversation } from "@/lib/inbox/get-conversation";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await getConversation({ db, actor, conversationId: params.id, query: Object.fromEntries(req.nextUrl.searchParams) })),
);
