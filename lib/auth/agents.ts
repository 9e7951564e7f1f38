import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { AgentActor } from "./actor";

/** The current state of an active agent as an actor, or null if unknown, foreign or deactivated. */
export async function loadAgentActor(db: DbOrTx, agentId: string, tenantId?: string): Promise<AgentActor | null> {
  const agent = await db.agent.findFirst({
    where: { id: agentId, deactivatedAt: null, ...(tenantId ? { tenantId } : {}) },
  });
  if (!agent) return null;
  return {
    kind: "agent",
    tenantId: agent.tenantId,
    agentId: agent.id,
    role: agent.role,
    canSeeAllChats: agent.canSeeAllChats,
    name: agent.name,
    email: agent.email,
  };
}
