// POST /api/v1/campaigns/:id/pause — pause an active ongoing campaign
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { pauseCampaign } from "@/lib/campaigns/manage-campaigns";
import { campaignViewSchema } from "@/lib/campaigns/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/campaigns/:id/pause",
    tag: "Campaigns",
    summary: "Pause an active ongoing campaign. 409 for a draft or a one-time campaign.",
    actsAsAgent: true,
    responses: {
      200: { description: "The campaign", schema: campaignViewSchema },
      409: { description: "Not an active ongoing campaign" },
    },
  },
  async ({ db, actor, params }) => json(await pauseCampaign({ db, actor, campaignId: params.id })),
);
