// Settings → General (admins, "tenant.settings"): the tenant's default phone region, the region numbers
// written without a +country code are read in — by ingest (senders' identifiers), by bans added on
// phone channels, and by the Spam Manager's extraction. A change applies from then on: identifiers,
// bans and spam strings already stored keep the form they were normalized to.
import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { isPhoneRegionCode } from "./phone-regions";
import { widgetOriginsSchema } from "@/lib/live-chat/widget-origins";
import { spamDetectionSettingsSchema } from "@/lib/spam-detection/settings-schema";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const generalSettingsSchema = z.object({
  defaultPhoneRegion: z
    .string({ error: "must be a region code such as US, GB or DE" })
    .trim()
    .toUpperCase()
    .refine(
      (code): boolean => isPhoneRegionCode(code),
      "must be a region code such as US, GB or DE (ISO 3166-1 alpha-2, as libphonenumber-js knows them)",
    ),
  /** Sites that may embed the web-chat widget (Settings → Live chat); empty = any site. */
  widgetAllowedOrigins: widgetOriginsSchema,
  /**
   * Spam detection (Settings → Spam detection): off, show scores, or move likely spam to Suspected at the threshold.
   */
  ...spamDetectionSettingsSchema.shape,
});

/** PATCH: any subset of the settings. */
export const generalSettingsPatchSchema = generalSettingsSchema.partial();

export type GeneralSettings = z.output<typeof generalSettingsSchema>;

const select = {
  defaultPhoneRegion: true,
  widgetAllowedOrigins: true,
  spamDetectionMode: true,
  spamSuspectThreshold: true,
} as const;

export async function getGeneralSettings({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<GeneralSettings> {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  return db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select });
}

export const updateGeneralSettings = defineUseCase({
  inputName: "settings",
  input: generalSettingsPatchSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "tenant.settings", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data): Promise<GeneralSettings> => {
    const updated = await db.$transaction(async (tx) => {
      // Locked, so the audit's "previous" is the value this change replaced.
      const [previous] = await tx.$queryRaw<
        GeneralSettings[]
      >`SELECT "defaultPhoneRegion", "widgetAllowedOrigins", "spamDetectionMode"::text AS "spamDetectionMode",
        "spamSuspectThreshold" FROM "Tenant" WHERE "id" = ${actor.tenantId} FOR NO KEY UPDATE`;
      const settings = await tx.tenant.update({ where: { id: actor.tenantId }, data, select });
      await recordAudit(tx, actor, {
        action: "tenant.general_settings_updated",
        targetType: "tenant",
        targetId: actor.tenantId,
        data: { ...data, previous: previous ?? null },
      });
      return settings;
    });
    // Ingest reads these from the admission cache: the next message here sees the change (other instances
    // hear of it through NOTIFY within milliseconds).
    await settleAdmissionChanges();
    return updated;
  },
});
