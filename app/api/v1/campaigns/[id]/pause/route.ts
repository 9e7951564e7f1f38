// POST /api/v1/campaigns/:id/pause — pause an active ongoing campaign
import { json, withApiKey } from "@/lib/http/api";
import { pauseCampaign } from "@/lib/campaigns/manage-campaigns";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await pauseCampaign({ db, actor, campaignId: params.id })));
