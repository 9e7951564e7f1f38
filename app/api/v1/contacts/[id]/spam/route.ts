// POST /api/v1/contacts/:id/spam — mark the contact as spam (acting agent: X-Agent-Id or the key)
// DELETE /api/v1/contacts/:id/spam — un-mark them
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { spamMarkResultSchema } from "@/lib/spam-marking/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary:
      "Mark the contact as spam: every conversation of theirs moves to the Spam list (GET " +
      "/api/v1/conversations?list=spam) and is locked (409 contact_marked_as_spam on assign, labels and replies); " +
      "their messages are still stored. Conversations a ban holds stay out of every list (but locked) until the " +
      "sender is admitted again. The acting agent (X-Agent-Id, else the key's default agent) is recorded as the " +
      "marker and named in the timeline. Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "Result", schema: spamMarkResultSchema } },
  },
  async ({ db, actor, params }) => json(await markContactAsSpam({ db, actor, contactId: params.id })),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary:
      "Un-mark the contact: their conversations return to All / You / Unassigned / Resolved by assignee and " +
      "status (those a ban holds stay out of every list). Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "Result", schema: spamMarkResultSchema } },
  },
  async ({ db, actor, params }) => json(await unmarkContactAsSpam({ db, actor, contactId: params.id })),
);
