// POST /api/v1/campaigns/:id/send — send a one-time campaign (once)
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { campaignViewSchema } from "@/lib/campaigns/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/campaigns/:id/send",
    tag: "Campaigns",
    summary:
      "Send a one-time campaign: queues one outbox message per contact in the audience (on the audience's " +
      "channel, else the contact's newest identity) and records each recipient. Once only: 409 " +
      "campaign_already_sent afterwards; 409 campaign_not_one_time for an ongoing campaign.",
    actsAsAgent: true,
    responses: {
      200: { description: "The sent campaign", schema: campaignViewSchema },
      409: { description: "Already sent, or not a one-time campaign" },
    },
  },
  async ({ db, actor, params }) => json(await sendCampaign({ db, actor, campaignId: params.id })),
);
