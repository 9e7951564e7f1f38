// POST /api/v1/contacts/:id/spam — mark the contact as spam (acting agent: X-Agent-Id or the key)
// DELETE /api/v1/contacts/:id/spam — un-mark them
import { json, withApiKey } from "@/lib/http/api";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await markContactAsSpam({ db, actor, contactId: params.id })));

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await unmarkContactAsSpam({ db, actor, contactId: params.id })));
