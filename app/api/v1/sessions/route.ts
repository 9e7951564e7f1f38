// GET /api/v1/sessions?q=&channel=&agent=&status=&from=&to=&cursor= — search every conversation, banned ones too
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { listSessions, listSessionsQuerySchema } from "@/lib/sessions/list-sessions";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/sessions",
    tag: "Blacklist",
    summary:
      "Search every conversation the actor may see, banned senders' too (status=banned), by text, channel, agent " +
      "(id or none), status and date.",
    query: listSessionsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page of conversations" } },
  },
  async ({ db, actor, req }) =>
    json(await listSessions.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
