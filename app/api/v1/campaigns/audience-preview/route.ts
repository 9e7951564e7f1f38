// POST /api/v1/campaigns/audience-preview — count and sample an audience without saving a campaign
import { json, readJson, withApiKey } from "@/lib/http/api";
import { previewAudience } from "@/lib/campaigns/manage-campaigns";

export const POST = withApiKey(async ({ db, actor, req }) => json(await previewAudience({ db, actor, input: await readJson(req) })));
