// POST /api/v1/campaigns/audience-preview — count and sample an audience without saving a campaign
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { previewAudience } from "@/lib/campaigns/manage-campaigns";
import { audiencePreviewSchema } from "@/lib/campaigns/campaign-schemas";
import { audienceViewSchema } from "@/lib/campaigns/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/campaigns/audience-preview",
    tag: "Campaigns",
    summary: "Count and sample the audience of conditions without saving a campaign.",
    body: audiencePreviewSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The audience now", schema: audienceViewSchema } },
  },
  async ({ db, actor, req }) => json(await previewAudience.fromUntrusted({ db, actor, input: await readJson(req) })),
);
