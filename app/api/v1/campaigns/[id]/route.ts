// GET /api/v1/campaigns/:id — one campaign; PATCH edits a draft; DELETE deletes a draft
import { json, readJson, withApiKey } from "@/lib/http/api";
import { deleteCampaign, getCampaign, updateCampaign } from "@/lib/campaigns/manage-campaigns";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await getCampaign({ db, actor, campaignId: params.id })));

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateCampaign({ db, actor, campaignId: params.id, input: await readJson(req) })),
);

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deleteCampaign({ db, actor, campaignId: params.id })));
