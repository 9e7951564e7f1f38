// GET /api/v1/campaigns?cursor= — the tenant's campaigns; POST /api/v1/campaigns — create (and with sendNow, send) a
// campaign
import { json, readJson } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { createCampaign, listCampaigns } from "@/lib/campaigns/manage-campaigns";
import { createCampaignSchema, listCampaignsQuerySchema } from "@/lib/campaigns/campaign-schemas";
import { AUDIENCE_HELP, campaignViewSchema } from "@/lib/campaigns/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "The tenant's campaigns, newest first. Admins and API keys only.",
    query: listCampaignsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: pageOf(campaignViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listCampaigns.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary:
      "Create a campaign (a draft). With sendNow a one-time campaign is sent in the same call (the answer carries " +
      `recipientCount); with activate an ongoing one starts. ${AUDIENCE_HELP}`,
    body: createCampaignSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: campaignViewSchema } },
  },
  async ({ db, actor, req }) =>
    json(await createCampaign.fromUntrusted({ db, actor, input: await readJson(req) }), 201),
);
