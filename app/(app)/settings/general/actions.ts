"use server";

import { revalidatePath } from "next/cache";
import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { generalSettingsPatchSchema, updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

export const updateGeneralSettingsAction = defineAction(
  [parsedByUseCase(generalSettingsPatchSchema)],
  async (ctx, input) => {
    const settings = await updateGeneralSettings.fromUntrusted({ ...ctx, input });
    revalidatePath("/settings/general");
    // The Blacklist's "Add" dialog reads numbers in this region.
    revalidatePath("/settings/blacklist");
    return settings;
  },
);
