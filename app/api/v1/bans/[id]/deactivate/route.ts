// POST /api/v1/bans/:id/deactivate — lift a ban; it stays in the history (Inactive)
import { json, withApiKey } from "@/lib/http/api";
import { deactivateBan } from "@/lib/blacklist/manage-bans";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deactivateBan({ db, actor, banId: params.id })));
