// GET /api/v1/sessions?q=&channel=&agent=&status=&from=&to=&cursor= — search every conversation, banned ones too
import { json, withApiKey } from "@/lib/http/api";
import { listSessions } from "@/lib/sessions/list-sessions";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listSessions({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
