// GET /api/v1/spam-lists?list=allow|deny&kind=&q=&cursor= — the Allow and Deny lists, newest entries first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listEntriesQuerySchema, listListEntries } from "@/lib/spam-manager/spam-lists";
import { listEntryViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-lists",
    tag: "Spam Manager",
    summary: "The Allow and Deny lists (or one of them), newest entries first.",
    query: listEntriesQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Entries", schema: pageOf(listEntryViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listListEntries.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
