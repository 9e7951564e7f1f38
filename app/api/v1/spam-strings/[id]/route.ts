// GET /api/v1/spam-strings/:id — one spam string, the list it is on, and its stored posts and users
import { json, withApiKey } from "@/lib/http/api";
import { getSpamString } from "@/lib/spam-manager/spam-strings";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await getSpamString({ db, actor, spamStringId: params.id })));
