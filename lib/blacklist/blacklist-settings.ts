import "server-only";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";

/** "Operators may ban clients": when off, agents get no ban actions and the server refuses them. */
export async function setOperatorBansEnabled({ db, actor, enabled }: { db: Db; actor: Actor; enabled: boolean }) {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({
      where: { id: actor.tenantId },
      data: { operatorBansEnabled: Boolean(enabled) },
      select: { operatorBansEnabled: true },
    });
    await recordAudit(tx, actor, {
      action: "settings.operator_bans",
      targetType: "tenant",
      targetId: actor.tenantId,
      data: { enabled: tenant.operatorBansEnabled },
    });
    return tenant;
  });
}

/** Whether this actor gets ban actions in the UI (the same rule the server enforces in createBan). */
export async function canBanClients(db: Db, actor: Actor): Promise<boolean> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: actor.tenantId },
    select: { operatorBansEnabled: true },
  });
  return can(actor, "bans.create", { tenantId: actor.tenantId, operatorBansEnabled: tenant.operatorBansEnabled });
}
