"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { spamDetectionSettingsSchema } from "@/lib/spam-detection/settings-schema";
import { parseInput } from "@/lib/errors";

export async function updateSpamDetectionAction(input: unknown) {
  return toActionResult(async () => {
    const data = parseInput(spamDetectionSettingsSchema, input, "settings");
    const settings = await updateGeneralSettings({ db: await getDb(), actor: await requireAgent(), input: data });
    revalidatePath("/settings/spam-detection");
    return { spamDetectionMode: settings.spamDetectionMode, spamSuspectThreshold: settings.spamSuspectThreshold };
  });
}
