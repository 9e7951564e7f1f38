import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor, AgentActor } from "./actor";

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

/**
 * The agent an actor acts as: the signed-in (or X-Agent-Id) agent, else the API key's default agent;
 * null for a key without one. What authors replies and is named as the marker of a spam mark.
 */
export async function actingAgentOf(db: DbOrTx, actor: Actor): Promise<AgentActor | null> {
  if (actor.kind === "agent") return actor;
  return actor.defaultAgentId ? loadAgentActor(db, actor.defaultAgentId, actor.tenantId) : null;
}
