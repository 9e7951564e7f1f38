"use server";

import { revalidatePath } from "next/cache";
import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { spamSettingsSchema, updateSpamSettings } from "@/lib/spam-manager/settings";

export const updateSpamSettingsAction = defineAction([parsedByUseCase(spamSettingsSchema)], async (ctx, input) => {
  const settings = await updateSpamSettings.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/spam");
  revalidatePath("/spam-manager", "layout");
  return settings;
});
