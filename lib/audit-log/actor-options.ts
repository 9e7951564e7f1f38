// Who the audit log's "Who" filter offers: the tenant's agents (deactivated ones too: their actions stay in
// the log), API keys (revoked ones too) and Spam Manager rules.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";

export interface AuditActorOptions {
  agents: Array<{ id: string; name: string; active: boolean }>;
  apiKeys: Array<{ id: string; name: string; active: boolean }>;
  rules: Array<{ id: string; name: string }>;
}

export async function listAuditActorOptions({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<AuditActorOptions> {
  authorize(actor, "auditLog.view", { tenantId: actor.tenantId });
  const tenantId = actor.tenantId;
  const [agents, apiKeys, rules] = await Promise.all([
    db.agent.findMany({
      where: { tenantId },
      select: { id: true, name: true, deactivatedAt: true },
      orderBy: { name: "asc" },
    }),
    db.apiKey.findMany({
      where: { tenantId },
      select: { id: true, name: true, revokedAt: true },
      orderBy: { name: "asc" },
    }),
    db.spamRule.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    agents: agents.map(({ id, name, deactivatedAt }) => ({ id, name, active: !deactivatedAt })),
    apiKeys: apiKeys.map(({ id, name, revokedAt }) => ({ id, name, active: !revokedAt })),
    rules,
  };
}
