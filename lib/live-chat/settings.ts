// Settings → Live chat: working hours (weekly schedule in the tenant's time zone; none = always open),
// the default period the block dialog pre-fills, and the widget secret that signs authenticated
// visitors. Admins only ("tenant.settings").
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { isValidTimeZone, WEEKDAYS, workingHoursSchema, type WorkingHours } from "./working-hours";
import { DEFAULT_BLOCK_MINUTES, MAX_BLOCK_MINUTES } from "./block-schemas";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";

/** Fills the days a schedule leaves out with no hours (closed), as the gate reads them. */
function withAllDays(value: unknown): unknown {
  return value && typeof value === "object" && !Array.isArray(value)
    ? { ...Object.fromEntries(WEEKDAYS.map((day) => [day, []])), ...value }
    : value;
}

/** The stored schedule as the settings page and the widget show it (null: always open). */
export function storedWorkingHours(value: unknown): WorkingHours {
  const parsed = workingHoursSchema.safeParse(withAllDays(value));
  return parsed.success ? parsed.data : null;
}

export const liveChatSettingsSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .min(1, "is required")
    .max(64)
    .refine(isValidTimeZone, "is not an IANA time zone (e.g. Europe/London)"),
  /** null: always open. Days left out have no hours (closed). */
  workingHours: z.preprocess(withAllDays, workingHoursSchema),
  liveChatBlockDefaultMinutes: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_BLOCK_MINUTES, `must be at most ${MAX_BLOCK_MINUTES}`),
});

export type LiveChatSettingsInput = z.input<typeof liveChatSettingsSchema>;

export interface LiveChatSettings {
  timeZone: string;
  workingHours: WorkingHours;
  liveChatBlockDefaultMinutes: number;
}

const settingsSelect = {
  timeZone: true,
  workingHours: true,
  liveChatBlockDefaultMinutes: true,
} satisfies Prisma.TenantSelect;

function toSettings(row: Prisma.TenantGetPayload<{ select: typeof settingsSelect }>): LiveChatSettings {
  return {
    timeZone: row.timeZone,
    workingHours: storedWorkingHours(row.workingHours),
    liveChatBlockDefaultMinutes: row.liveChatBlockDefaultMinutes,
  };
}

export async function getLiveChatSettings({
  db,
  actor,
}: ReadContext): Promise<LiveChatSettings & { widgetSecret: string }> {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: actor.tenantId },
    select: { ...settingsSelect, widgetSecret: true },
  });
  return { ...toSettings(tenant), widgetSecret: tenant.widgetSecret };
}

/** What the block dialogs pre-fill: any agent may read it. */
export async function getBlockDefaults({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<{ minutes: number }> {
  const tenant = await db.tenant.findUnique({
    where: { id: actor.tenantId },
    select: { liveChatBlockDefaultMinutes: true },
  });
  return { minutes: tenant?.liveChatBlockDefaultMinutes ?? DEFAULT_BLOCK_MINUTES };
}

export const updateLiveChatSettings = defineUseCase({
  inputName: "live-chat settings",
  input: liveChatSettingsSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "tenant.settings", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, settings): Promise<LiveChatSettings> => {
    return db.$transaction(async (tx) => {
      const updated = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: {
          timeZone: settings.timeZone,
          workingHours:
            settings.workingHours === null ? Prisma.DbNull : (settings.workingHours as Prisma.InputJsonObject),
          liveChatBlockDefaultMinutes: settings.liveChatBlockDefaultMinutes,
        },
        select: settingsSelect,
      });
      await recordAudit(tx, actor, {
        action: "tenant.live_chat_settings_updated",
        targetType: "tenant",
        targetId: actor.tenantId,
        data: settings as Prisma.InputJsonObject,
      });
      return toSettings(updated);
    });
  },
});

/** A new widget secret: signatures made with the old one stop working at once. */
export async function rotateWidgetSecret({ db, actor }: { db: Db; actor: Actor }): Promise<{ widgetSecret: string }> {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  const widgetSecret = randomBytes(32).toString("hex");
  await db.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { widgetSecret }, select: { id: true } });
    // Never the secret itself in the log.
    await recordAudit(tx, actor, {
      action: "tenant.widget_secret_rotated",
      targetType: "tenant",
      targetId: actor.tenantId,
    });
  });
  return { widgetSecret };
}
