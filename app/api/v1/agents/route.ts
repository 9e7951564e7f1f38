// GET /api/v1/agents — the tenant's active agents (for assignment pickers and flows)
import { json, withApiKey } from "@/lib/http/api";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";

export const GET = withApiKey(async ({ db, actor }) => json({ items: await listAssignableAgents({ db, actor }), nextCursor: null }));
