// GET /api/v1/contacts/:id — a contact with identities, traits and visible conversations
// PATCH /api/v1/contacts/:id — rename, set traits ({ traits: { plan: "pro", seats: 3, vip: true, old: null } })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { getContact } from "@/lib/contacts/get-contact";
import { updateContact } from "@/lib/contacts/update-contact";
import { contactPatchSchema } from "@/lib/contacts/contact-schemas";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await getContact({ db, actor, contactId: params.id })));

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateContact({ db, actor, contactId: params.id, input: await readJson(req), schema: contactPatchSchema })),
);
