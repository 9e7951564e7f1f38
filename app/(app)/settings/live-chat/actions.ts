"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { liveChatSettingsSchema, rotateWidgetSecret, updateLiveChatSettings } from "@/lib/live-chat/settings";
import { floodLimitsSchema, updateFloodLimits } from "@/lib/live-chat/flood-limits";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

export const updateLiveChatSettingsAction = defineAction(
  [parsedByUseCase(liveChatSettingsSchema)],
  async (ctx, input) => {
    const settings = await updateLiveChatSettings.fromUntrusted({ ...ctx, input });
    revalidatePath("/settings/live-chat");
    return settings;
  },
);

export const rotateWidgetSecretAction = defineAction([], async (ctx) => {
  await rotateWidgetSecret(ctx);
  revalidatePath("/settings/live-chat");
  return null;
});

export const updateFloodLimitsAction = defineAction([parsedByUseCase(floodLimitsSchema)], async (ctx, input) => {
  const limits = await updateFloodLimits.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/live-chat");
  return limits;
});

/**
 * The sites that may embed the widget: { widgetAllowedOrigins: string[] } ([] = any site); the settings' schema checks
 * the list.
 */
export const updateWidgetOriginsAction = defineAction(
  [z.object({ widgetAllowedOrigins: z.unknown() }).describe("settings")],
  async (ctx, { widgetAllowedOrigins }) => {
    const settings = await updateGeneralSettings.fromUntrusted({ ...ctx, input: { widgetAllowedOrigins } });
    revalidatePath("/settings/live-chat");
    return { widgetAllowedOrigins: settings.widgetAllowedOrigins };
  },
);
