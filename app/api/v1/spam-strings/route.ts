// GET /api/v1/spam-strings?kind=domain|url|phone|email&q=&cursor= — a Spam Manager tab: uncategorized strings, most posted first
import { json, withApiKey } from "@/lib/http/api";
import { listSpamStrings } from "@/lib/spam-manager/spam-strings";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listSpamStrings({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
