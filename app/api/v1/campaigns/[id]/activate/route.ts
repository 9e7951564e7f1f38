// POST /api/v1/campaigns/:id/activate — start or resume an ongoing campaign
import { json, withApiKey } from "@/lib/http/api";
import { activateCampaign } from "@/lib/campaigns/manage-campaigns";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await activateCampaign({ db, actor, campaignId: params.id })));
