// POST /api/v1/campaigns/:id/send — send a one-time campaign (once)
import { json, withApiKey } from "@/lib/http/api";
import { sendCampaign } from "@/lib/campaigns/send-campaign";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await sendCampaign({ db, actor, campaignId: params.id })));
