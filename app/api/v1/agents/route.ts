// GET /api/v1/agents — the tenant's active agents (for assignment pickers and flows)
import { z } from "zod";
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/agents",
    tag: "Agents",
    summary: "The tenant's active agents (for assignment).",
    responses: {
      200: {
        description: "Agents",
        schema: pageOf(
          z.object({
            id: z.string(),
            name: z.string(),
            email: z.string(),
            role: z.enum(["AGENT", "SUPERVISOR", "ADMIN"]),
          }),
        ),
      },
    },
  },
  async ({ db, actor }) => json({ items: await listAssignableAgents({ db, actor }), nextCursor: null }),
);
