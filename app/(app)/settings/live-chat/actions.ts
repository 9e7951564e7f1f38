"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { rotateWidgetSecret, updateLiveChatSettings } from "@/lib/live-chat/settings";
import { updateFloodLimits } from "@/lib/live-chat/flood-limits";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

export async function updateLiveChatSettingsAction(input: unknown) {
  return toActionResult(async () => {
    const settings = await updateLiveChatSettings({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/live-chat");
    return settings;
  });
}

export async function rotateWidgetSecretAction() {
  return toActionResult(async () => {
    await rotateWidgetSecret({ db: await getDb(), actor: await requireAgent() });
    revalidatePath("/settings/live-chat");
    return null;
  });
}

export async function updateFloodLimitsAction(input: unknown) {
  return toActionResult(async () => {
    const limits = await updateFloodLimits({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/live-chat");
    return limits;
  });
}

/** The sites that may embed the widget: { widgetAllowedOrigins: string[] } ([] = any site). */
export async function updateWidgetOriginsAction(input: unknown) {
  return toActionResult(async () => {
    const { widgetAllowedOrigins } = (input ?? {}) as { widgetAllowedOrigins?: unknown };
    const settings = await updateGeneralSettings({ db: await getDb(), actor: await requireAgent(), input: { widgetAllowedOrigins } });
    revalidatePath("/settings/live-chat");
    return { widgetAllowedOrigins: settings.widgetAllowedOrigins };
  });
}
