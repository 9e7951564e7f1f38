// The tenant's Spam Manager settings (admins): the Allow and Deny list caps and the retention window.
import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const MAX_LIST_CAP = 100_000;
export const MAX_RETENTION_DAYS = 3650;

const whole = (what: string, max: number) =>
  z.coerce
    .number(`must be a number of ${what}`)
    .int(`must be a whole number of ${what}`)
    .min(1, "must be at least 1")
    .max(max, `must be at most ${max.toLocaleString("en-US")}`);

export const spamSettingsSchema = z.object({
  allowListCap: whole("strings", MAX_LIST_CAP).optional(),
  denyListCap: whole("strings", MAX_LIST_CAP).optional(),
  spamRetentionDays: whole("days", MAX_RETENTION_DAYS).optional(),
});

export interface SpamSettings {
  allowListCap: number;
  denyListCap: number;
  spamRetentionDays: number;
}

const select = { allowListCap: true, denyListCap: true, spamRetentionDays: true } as const;

export async function getSpamSettings({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<SpamSettings> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  return db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select });
}

/** Lowering a cap below a list's size keeps its entries; the list only takes new ones once below it. */
export const updateSpamSettings = defineUseCase({
  inputName: "settings",
  input: spamSettingsSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "tenant.settings", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data): Promise<SpamSettings> => {
    return db.$transaction(async (tx) => {
      const settings = await tx.tenant.update({ where: { id: actor.tenantId }, data, select });
      await recordAudit(tx, actor, {
        action: "tenant.spam_settings_updated",
        targetType: "tenant",
        targetId: actor.tenantId,
        data,
      });
      return settings;
    });
  },
});
