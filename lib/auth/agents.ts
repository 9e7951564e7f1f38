import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor, AgentActor } from "./actor";

/** The current state of an active agent of the tenant as an actor, or null if unknown, foreign or deactivated. */
export async function loadAgentActor(db: DbOrTx, agentId: string, tenantId: string): Promise<AgentActor | null> {
  const agent = await db.agent.findFirst({ where: { id: agentId, tenantId, deactivatedAt: null } });
  return agent ? toActor(agent) : null;
}

/**
 * The agent a session cookie stands for, while the session lasts: the agent active and the session's
 * row still there (not signed out or revoked, not expired). One statement, read on every request, so
 * nothing is cached that could outlive a revocation. A cookie from before sessions had ids has none.
 */
export async function loadSessionActor(
  db: DbOrTx,
  token: { agentId?: unknown; tenantId?: unknown; sessionId?: unknown },
  now = new Date(),
): Promise<AgentActor | null> {
  if (typeof token.agentId !== "string" || typeof token.sessionId !== "string" || typeof token.tenantId !== "string")
    return null;
  const agent = await db.agent.findFirst({
    where: {
      id: token.agentId,
      tenantId: token.tenantId,
      deactivatedAt: null,
      sessions: { some: { id: token.sessionId, expiresAt: { gt: now } } },
    },
  });
  return agent ? { ...toActor(agent), sessionId: token.sessionId } : null;
}

function toActor(agent: {
  id: string;
  tenantId: string;
  role: AgentActor["role"];
  canSeeAllChats: boolean;
  name: string;
  email: string;
}): AgentActor {
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
 * null for a key without one and for Bouncer acting on its own (a rule). What authors replies and is named as the
 * marker of a spam mark.
 */
export async function actingAgentOf(db: DbOrTx, actor: Actor): Promise<AgentActor | null> {
  if (actor.kind === "agent") return actor;
  if (actor.kind === "system") return null;
  return actor.defaultAgentId ? loadAgentActor(db, actor.defaultAgentId, actor.tenantId) : null;
}
