// GET /api/v1/bans/:id — one ban, active or not
import { json, withApiKey } from "@/lib/http/api";
import { getBan } from "@/lib/blacklist/manage-bans";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await getBan({ db, actor, banId: params.id })));
