// OpenAPI operations for agents' sessions (POST /api/v1/agents/:id/sign-out-everywhere).
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";

export const agentOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/agents/:id/sign-out-everywhere",
    tag: "Agents",
    summary:
      "End every session of an agent: their browsers are signed out at their next request and their live sockets are dropped. Needs X-Agent-Id naming an admin of the tenant (or the agent themself); an API key alone may not.",
    actsAsAgent: true,
    responses: {
      200: { description: "The agent's id and how many sessions ended", schema: z.object({ id: z.string(), revokedSessions: z.number().int() }) },
    },
  },
];
