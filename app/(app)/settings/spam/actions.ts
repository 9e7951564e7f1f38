"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { updateSpamSettings } from "@/lib/spam-manager/settings";

export async function updateSpamSettingsAction(input: unknown) {
  return toActionResult(async () => {
    const settings = await updateSpamSettings({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/spam");
    revalidatePath("/spam-manager", "layout");
    return settings;
  });
}
