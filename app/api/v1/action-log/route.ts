// GET /api/v1/action-log?contactId=&status=completed|failed&cursor= — the Actions Log: every run of a Spam Manager action, newest first
import { json, withApiKey } from "@/lib/http/api";
import { listActionLog } from "@/lib/spam-manager/action-log";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listActionLog({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
