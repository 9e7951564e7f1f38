// POST /api/v1/campaigns/:id/activate — start or resume an ongoing campaign
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { activateCampaign } from "@/lib/campaigns/manage-campaigns";
import { campaignViewSchema } from "@/lib/campaigns/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/campaigns/:id/activate",
    tag: "Campaigns",
    summary:
      "Start or resume an ongoing campaign: each contact that starts matching its audience from now on receives " +
      "it, once. 409 campaign_not_ongoing for a one-time campaign.",
    actsAsAgent: true,
    responses: {
      200: { description: "The campaign", schema: campaignViewSchema },
      409: { description: "Not an ongoing campaign" },
    },
  },
  async ({ db, actor, params }) => json(await activateCampaign({ db, actor, campaignId: params.id })),
);
