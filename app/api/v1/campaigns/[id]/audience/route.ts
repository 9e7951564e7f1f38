// GET /api/v1/campaigns/:id/audience?sample= — how many contacts the campaign's conditions match now, and a few of them
import { json, withApiKey } from "@/lib/http/api";
import { getCampaignAudience } from "@/lib/campaigns/manage-campaigns";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await getCampaignAudience({ db, actor, campaignId: params.id, query: Object.fromEntries(req.nextUrl.searchParams) })),
);
