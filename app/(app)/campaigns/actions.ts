"use server";
// The campaign pages' changes from the browser: thin shells over lib/campaigns (which checks the policy).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import {
  activateCampaign,
  createCampaign,
  deleteCampaign,
  pauseCampaign,
  previewAudience,
  updateCampaign,
} from "@/lib/campaigns/manage-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { audiencePreviewSchema, createCampaignSchema, updateCampaignSchema } from "@/lib/campaigns/campaign-schemas";

const campaignId = idArgument("campaign id");

function changed(id?: string) {
  revalidatePath("/campaigns");
  if (id) revalidatePath(`/campaigns/${id}`);
}

export const createCampaignAction = defineAction([parsedByUseCase(createCampaignSchema)], async (ctx, input) => {
  const campaign = await createCampaign.fromUntrusted({ ...ctx, input });
  changed(campaign.id);
  return { id: campaign.id, status: campaign.status, recipientCount: campaign.recipientCount };
});

export const updateCampaignAction = defineAction(
  [campaignId, parsedByUseCase(updateCampaignSchema)],
  async (ctx, id, input) => {
    const campaign = await updateCampaign.fromUntrusted({ ...ctx, campaignId: id, input });
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status };
  },
);

export const sendCampaignAction = defineAction([campaignId], async (ctx, id) => {
  const campaign = await sendCampaign({ ...ctx, campaignId: id });
  changed(campaign.id);
  return { id: campaign.id, status: campaign.status, recipientCount: campaign.recipientCount };
});

export const setCampaignActiveAction = defineAction(
  [campaignId, z.boolean().describe("active")],
  async (ctx, id, active) => {
    const options = { ...ctx, campaignId: id };
    const campaign = active ? await activateCampaign(options) : await pauseCampaign(options);
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status };
  },
);

export const deleteCampaignAction = defineAction([campaignId], async (ctx, id) => {
  const result = await deleteCampaign({ ...ctx, campaignId: id });
  changed();
  return result;
});

/** The editor's live audience size: count and a few names, for conditions not saved yet. */
export const previewAudienceAction = defineAction([parsedByUseCase(audiencePreviewSchema)], async (ctx, input) =>
  previewAudience.fromUntrusted({ ...ctx, input }),
);
