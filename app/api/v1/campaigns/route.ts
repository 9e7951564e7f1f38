// GET /api/v1/campaigns?cursor= — the tenant's campaigns; POST /api/v1/campaigns — create (and with sendNow, send) a campaign
import { json, readJson, withApiKey } from "@/lib/http/api";
import { createCampaign, listCampaigns } from "@/lib/campaigns/manage-campaigns";

export const GET = withApiKey(async ({ db, actor, req }) =>
  json(await listCampaigns({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })),
);

export const POST = withApiKey(async ({ db, actor, req }) => json(await createCampaign({ db, actor, input: await readJson(req) }), 201));
