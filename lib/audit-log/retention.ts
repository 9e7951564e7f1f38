// The audit log's retention: each tenant keeps its entries auditLogRetentionDays (default 365, 30 to
// 3,650; only an admin signed in as themself changes it — never an API key, since shortening the log is
// what someone holding a leaked key would want — and the change is itself an entry). An hourly job
// through lib/jobs/scheduler.ts deletes older entries, tenant by tenant, in batches: each DELETE is one
// short statement over a range of the ("tenantId", "createdAt" DESC) index, never one long one holding
// its locks on a big tenant's log.
import "server-only";
import type { Db, DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Job } from "@/lib/jobs/scheduler";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";
import { type AuditLogRetention, auditLogRetentionSchema } from "./retention-schema";

export const AUDIT_PURGE_BATCH = 5000;

export async function getAuditLogRetention({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<AuditLogRetention> {
  authorize(actor, "auditLog.view", { tenantId: actor.tenantId });
  return db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { auditLogRetentionDays: true } });
}

export const updateAuditLogRetention = defineUseCase({
  inputName: "settings",
  input: auditLogRetentionSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "auditLog.configure", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, { auditLogRetentionDays }): Promise<AuditLogRetention> =>
    db.$transaction(async (tx) => {
      // Locked, so the entry's "previous" is the value this change replaced.
      const [previous] = await tx.$queryRaw<
        Array<{ days: number }>
      >`SELECT "auditLogRetentionDays" AS "days" FROM "Tenant" WHERE "id" = ${actor.tenantId} FOR NO KEY UPDATE`;
      const updated = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: { auditLogRetentionDays },
        select: { auditLogRetentionDays: true },
      });
      await recordAudit(tx, actor, {
        action: "tenant.audit_log_retention_updated",
        targetType: "tenant",
        targetId: actor.tenantId,
        data: { auditLogRetentionDays, previous: previous?.days ?? null },
      });
      return updated;
    }),
});

export interface AuditPurgeResult {
  entriesDeleted: number;
  /** DELETE statements run (each at most `batchSize` rows). */
  batches: number;
  tenants: number;
}

/** Deletes every tenant's entries older than its retention, in batches of at most `batchSize`. */
export async function purgeAuditLog(
  db: Db,
  now: Date,
  { batchSize = AUDIT_PURGE_BATCH }: { batchSize?: number } = {},
): Promise<AuditPurgeResult> {
  const result: AuditPurgeResult = { entriesDeleted: 0, batches: 0, tenants: 0 };
  const tenants = await db.tenant.findMany({
    select: { id: true, auditLogRetentionDays: true },
    orderBy: { id: "asc" },
  });
  for (const tenant of tenants) {
    const before = new Date(now.getTime() - tenant.auditLogRetentionDays * 86_400_000);
    let deletedHere = 0;
    for (;;) {
      // The subquery reads the oldest `batchSize` ids from the index range ("tenantId" = …, "createdAt" < …);
      // the DELETE then takes them by primary key.
      const deleted = await db.$executeRaw`
        DELETE FROM "AuditLog" WHERE "id" = ANY(ARRAY(
          SELECT "id" FROM "AuditLog"
          WHERE "tenantId" = ${tenant.id} AND "createdAt" < ${before}::timestamptz
          LIMIT ${batchSize}))`;
      if (deleted > 0) result.batches++;
      deletedHere += deleted;
      if (deleted < batchSize) break;
    }
    if (deletedHere > 0) result.tenants++;
    result.entriesDeleted += deletedHere;
  }
  return result;
}

export const auditLogRetentionJob: Job = {
  name: "audit-log-retention",
  intervalMs: 60 * 60_000,
  run: async (db, now) => ({ ...(await purgeAuditLog(db, now)) }),
};
