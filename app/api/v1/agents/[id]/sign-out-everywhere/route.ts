// POST /api/v1/agents/:id/sign-out-everywhere — end every session of an agent (an admin, or the agent themself, named
// with X-Agent-Id)
import { z } from "zod";
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { signOutEverywhere } from "@/lib/agents/agent-credentials";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/agents/:id/sign-out-everywhere",
    tag: "Agents",
    summary:
      "End every session of an agent: their browsers are signed out at their next request and their live sockets " +
      "are dropped. Needs X-Agent-Id naming an admin of the tenant (or the agent themself); an API key alone may " +
      "not.",
    actsAsAgent: true,
    responses: {
      200: {
        description: "The agent's id and how many sessions ended",
        schema: z.object({ id: z.string(), revokedSessions: z.number().int() }),
      },
    },
  },
  async ({ db, actor, params }) =>
    json(await signOutEverywhere.fromUntrusted({ db, actor, input: { agentId: params.id } })),
);
