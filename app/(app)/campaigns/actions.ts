"use server";
// The campaign pages' changes from the browser: thin shells over lib/campaigns (which checks the policy).

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { parseInput } from "@/lib/errors";
import { toActionResult } from "@/lib/http/action-result";
import { activateCampaign, createCampaign, deleteCampaign, pauseCampaign, previewAudience, updateCampaign } from "@/lib/campaigns/manage-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";

const campaignIdSchema = z.string().trim().min(1).max(64);
const campaignId = (id: unknown) => parseInput(campaignIdSchema, id, "campaign id");

function changed(id?: string) {
  revalidatePath("/campaigns");
  if (id) revalidatePath(`/campaigns/${id}`);
}

export async function createCampaignAction(input: unknown) {
  return toActionResult(async () => {
    const campaign = await createCampaign({ db: await getDb(), actor: await requireAgent(), input });
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status, recipientCount: campaign.recipientCount };
  });
}

export async function updateCampaignAction(id: string, input: unknown) {
  return toActionResult(async () => {
    const campaign = await updateCampaign({ db: await getDb(), actor: await requireAgent(), campaignId: campaignId(id), input });
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status };
  });
}

export async function sendCampaignAction(id: string) {
  return toActionResult(async () => {
    const campaign = await sendCampaign({ db: await getDb(), actor: await requireAgent(), campaignId: campaignId(id) });
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status, recipientCount: campaign.recipientCount };
  });
}

export async function setCampaignActiveAction(id: string, active: boolean) {
  return toActionResult(async () => {
    const options = { db: await getDb(), actor: await requireAgent(), campaignId: campaignId(id) };
    const campaign = parseInput(z.boolean(), active, "active") ? await activateCampaign(options) : await pauseCampaign(options);
    changed(campaign.id);
    return { id: campaign.id, status: campaign.status };
  });
}

export async function deleteCampaignAction(id: string) {
  return toActionResult(async () => {
    const result = await deleteCampaign({ db: await getDb(), actor: await requireAgent(), campaignId: campaignId(id) });
    changed();
    return result;
  });
}

/** The editor's live audience size: count and a few names, for conditions not saved yet. */
export async function previewAudienceAction(input: unknown) {
  return toActionResult(async () => previewAudience({ db: await getDb(), actor: await requireAgent(), input }));
}
