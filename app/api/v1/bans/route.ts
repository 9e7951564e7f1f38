// GET /api/v1/bans?status=active|inactive|all&channel=&q=&sort=&dir=&cursor= — the tenant blacklist
// POST /api/v1/bans — ban a client on a channel ({ channel, identifier, reason, expiresAt? })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { createBan } from "@/lib/blacklist/manage-bans";
import { listBans } from "@/lib/blacklist/list-bans";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listBans({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));

export const POST = withApiKey(async ({ db, actor, req }) => {
  const { ban, closedConversations } = await createBan({ db, actor, input: await readJson(req), source: "api" });
  return json({ ...ban, closedConversations }, 201);
});
