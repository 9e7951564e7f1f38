// GET /api/v1/outbox?status=pending&channel=&cursor= — outgoing messages for channel connectors, oldest first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listOutbox, outboxQuerySchema } from "@/lib/outbox/outbox";
import { outboxItemViewSchema } from "@/lib/outbox/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/outbox",
    tag: "Outbox",
    summary: "Outgoing messages for channel connectors, oldest first.",
    query: outboxQuerySchema,
    responses: { 200: { description: "A page", schema: pageOf(outboxItemViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listOutbox.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
