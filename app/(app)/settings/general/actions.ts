"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

export async function updateGeneralSettingsAction(input: unknown) {
  return toActionResult(async () => {
    const settings = await updateGeneralSettings({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/general");
    // The Blacklist's "Add" dialog reads numbers in this region.
    revalidatePath("/settings/blacklist");
    return settings;
  });
}
