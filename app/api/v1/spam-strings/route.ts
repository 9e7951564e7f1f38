// GET /api/v1/spam-strings?kind=domain|url|phone|email&q=&cursor= — a Spam Manager tab: uncategorized strings, most
// posted first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listSpamStrings, listSpamStringsQuerySchema } from "@/lib/spam-manager/spam-strings";
import { spamStringViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-strings",
    tag: "Spam Manager",
    summary:
      "A string tab: uncategorized strings of one kind posted within the tenant's retention window, most posted " +
      "first (or most disguised first with sort=obfuscated). Values are normalized after undoing disguises, so " +
      '"evil[.]com" and "evil.com" are one string; obfuscatedPosts counts the posts that wrote it disguised. ' +
      "Hidden: strings on a list, URLs of an allowed or denied domain, bare domain mentions (the URL " +
      "`example.com` is listed as the domain `example.com`), domains all of whose URLs in the window are denied, " +
      "and strings taken off a list until they are posted again (supervisors, admins and API keys).",
    query: listSpamStringsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Strings", schema: pageOf(spamStringViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listSpamStrings.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
