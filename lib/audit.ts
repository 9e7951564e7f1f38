import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { auditActor, type Actor } from "@/lib/auth/actor";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Appends to the tenant's audit log, inside the use case's transaction. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: { tenantId: actor.tenantId, ...auditActor(actor), ...entry, data: entry.data ?? {} },
  });
}

/** For actions with no acting person (ingest, scheduled jobs). */
export async function recordSystemAudit(tx: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: { tenantId, actorKind: "system", actorId: null, ...entry, data: entry.data ?? {} },
  });
}
