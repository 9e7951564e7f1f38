// GET /api/v1/spam-users?q=&cursor= — users who posted denied or uncategorized strings, most recent spam first
import { json, withApiKey } from "@/lib/http/api";
import { listSpamUsers } from "@/lib/spam-manager/spam-users";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listSpamUsers({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
