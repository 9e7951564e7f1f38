// POST /api/v1/spam-lists/allow|deny — allow or deny a string ({ kind, value }); 201 with the entry (200 if it was
// already there)
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { listEntryInputSchema } from "@/lib/spam-manager/list-schemas";
import { SPAM_LISTS } from "@/lib/spam-manager/kinds";
import { listEntryViewSchema, listFullErrorSchema } from "@/lib/spam-manager/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-lists/:list",
    tag: "Spam Manager",
    summary:
      "Allow (`/spam-lists/allow`) or deny (`/spam-lists/deny`) a string. The value is normalized like extraction " +
      "does (“https://www.Example.com/offer” → url `example.com/offer`; for a domain, the registrable domain); a " +
      "URL that is only its domain (“https://www.Example.com/”) is listed as the domain `example.com` (the answer " +
      "says kind `domain`). Allowing or denying a domain covers every URL under it without an entry of its own. A " +
      "string on the other list moves. Each list holds at most the tenant's cap (1000 by default): beyond it, 409 " +
      "list_full names the cap.",
    // The list is checked by addListEntry (404 for another word); the document names the two that exist.
    params: z.object({ list: z.enum(SPAM_LISTS) }),
    body: listEntryInputSchema,
    actsAsAgent: true,
    responses: {
      201: { description: "Added (or moved from the other list)", schema: listEntryViewSchema },
      200: { description: "Already on that list", schema: listEntryViewSchema },
      409: { description: "list_full", schema: listFullErrorSchema },
    },
  },
  async ({ db, actor, params, req }) => {
    const { entry, created } = await addListEntry.fromUntrusted({
      db,
      actor,
      list: params.list,
      input: await readJson(req),
    });
    return json(entry, created ? 201 : 200);
  },
);
