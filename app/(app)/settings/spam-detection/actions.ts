"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/http/define-action";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { spamDetectionSettingsSchema } from "@/lib/spam-detection/settings-schema";

export const updateSpamDetectionAction = defineAction(
  [spamDetectionSettingsSchema.describe("settings")],
  async (ctx, input) => {
    const settings = await updateGeneralSettings.fromUntrusted({ ...ctx, input });
    revalidatePath("/settings/spam-detection");
    return { spamDetectionMode: settings.spamDetectionMode, spamSuspectThreshold: settings.spamSuspectThreshold };
  },
);
