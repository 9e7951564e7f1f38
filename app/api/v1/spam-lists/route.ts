// GET /api/v1/spam-lists?list=allow|deny&kind=&q=&cursor= — the Allow and Deny lists, newest entries first
import { json, withApiKey } from "@/lib/http/api";
import { listListEntries } from "@/lib/spam-manager/spam-lists";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listListEntries({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
