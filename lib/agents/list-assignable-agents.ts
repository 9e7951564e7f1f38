import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

/** Active agents of the actor's tenant, for assignment pickers: names and roles only. */
export async function listAssignableAgents({ db, actor }: { db: DbOrTx; actor: Actor }) {
  return db.agent.findMany({
    where: { tenantId: actor.tenantId, deactivatedAt: null },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
}
