// GET /api/v1/conversations?list=all|mine|unassigned|resolved&cursor= — an inbox list, newest activity first
import { json, withApiKey } from "@/lib/http/api";
import { listConversations } from "@/lib/inbox/list-conversations";

export const GET = withApiKey(async ({ db, actor, req }) =>
  json(await listConversations({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })),
);
