// GET /api/v1/campaigns/:id — one campaign; PATCH edits a draft; DELETE deletes a draft
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deleteCampaign, getCampaign, updateCampaign } from "@/lib/campaigns/manage-campaigns";
import { updateCampaignSchema } from "@/lib/campaigns/campaign-schemas";
import { campaignViewSchema } from "@/lib/campaigns/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "One campaign with its recipient count.",
    actsAsAgent: true,
    responses: { 200: { description: "The campaign", schema: campaignViewSchema } },
  },
  async ({ db, actor, params }) => json(await getCampaign({ db, actor, campaignId: params.id })),
);

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "Edit a draft's name, audience or message. 409 campaign_not_draft once it has gone out.",
    body: updateCampaignSchema,
    actsAsAgent: true,
    responses: {
      200: { description: "The campaign", schema: campaignViewSchema },
      409: { description: "Not a draft" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await updateCampaign.fromUntrusted({ db, actor, campaignId: params.id, input: await readJson(req) })),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "Delete a draft. 409 campaign_not_draft once it has gone out.",
    actsAsAgent: true,
    responses: {
      200: { description: "Deleted", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
      409: { description: "Not a draft" },
    },
  },
  async ({ db, actor, params }) => json(await deleteCampaign({ db, actor, campaignId: params.id })),
);
