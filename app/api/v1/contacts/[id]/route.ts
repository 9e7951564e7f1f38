// GET /api/v1/contacts/:id — a contact with identities, traits and visible conversations
// PATCH /api/v1/contacts/:id — rename, set traits ({ traits: { plan: "pro", seats: 3, vip: true, old: null } })
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { getContact } from "@/lib/contacts/get-contact";
import { patchContact } from "@/lib/contacts/update-contact";
import { contactPatchSchema } from "@/lib/contacts/contact-schemas";
import { contactViewSchema } from "@/lib/contacts/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/contacts/:id",
    tag: "Contacts",
    summary: "A contact: identities per channel, typed traits, conversations visible to the actor.",
    actsAsAgent: true,
    responses: { 200: { description: "The contact", schema: contactViewSchema } },
  },
  async ({ db, actor, params }) => json(await getContact({ db, actor, contactId: params.id })),
);

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/contacts/:id",
    tag: "Contacts",
    summary:
      "Rename and set traits. Traits are a map typed by JSON type (string → text, number, boolean), or { type: " +
      '"date", value: "2027-01-31" }; null removes. System traits (“Marked as Spam”) answer 403 system_trait.',
    body: contactPatchSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The updated contact", schema: contactViewSchema } },
  },
  async ({ db, actor, params, req }) =>
    json(await patchContact.fromUntrusted({ db, actor, contactId: params.id, input: await readJson(req) })),
);
