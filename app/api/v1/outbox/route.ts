// GET /api/v1/outbox?status=pending&channel=&cursor= — outgoing messages for channel connectors, oldest first
import { json, withApiKey } from "@/lib/http/api";
import { listOutbox } from "@/lib/outbox/outbox";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listOutbox({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
