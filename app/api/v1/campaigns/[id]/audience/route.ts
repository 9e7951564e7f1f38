// GET /api/v1/campaigns/:id/audience?sample= — how many contacts the campaign's conditions match now, and a few of them
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { getCampaignAudience } from "@/lib/campaigns/manage-campaigns";
import { audienceQuerySchema } from "@/lib/campaigns/campaign-schemas";
import { audienceViewSchema } from "@/lib/campaigns/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/campaigns/:id/audience",
    tag: "Campaigns",
    summary: "How many contacts the campaign's conditions match now, and a sample of them.",
    query: audienceQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "The audience now", schema: audienceViewSchema } },
  },
  async ({ db, actor, params, req }) =>
    json(
      await getCampaignAudience.fromUntrusted({
        db,
        actor,
        campaignId: params.id,
        input: Object.fromEntries(req.nextUrl.searchParams),
      }),
    ),
);
