// POST /api/v1/agents/:id/sign-out-everywhere — end every session of an agent (an admin, or the agent themself, named with X-Agent-Id)
import { json, withApiKey } from "@/lib/http/api";
import { signOutEverywhere } from "@/lib/agents/agent-credentials";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await signOutEverywhere({ db, actor, input: { agentId: params.id } })));
