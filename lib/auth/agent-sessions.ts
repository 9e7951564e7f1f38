// Session rows behind the session cookies. next-auth's cookie is a signed JWT that would stay valid
// for 30 days whatever happened; it also names a row here, and a request is signed in only while that
// row exists (checked in the same statement that loads the agent, lib/auth/agents.ts). Ending a
// session deletes its row and drops its live sockets on every instance.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import { disconnectAgentSockets, disconnectSessionSockets } from "@/lib/realtime/publish";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** At sign-in: a new session row (and the agent's expired ones cleared away); answers its id for the cookie. */
export async function startAgentSession(
  db: DbOrTx,
  agent: { agentId: string; tenantId: string },
  now = new Date(),
): Promise<string> {
  await db.agentSession.deleteMany({ where: { agentId: agent.agentId, expiresAt: { lte: now } } });
  const session = await db.agentSession.create({
    data: {
      agentId: agent.agentId,
      tenantId: agent.tenantId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

/** Sign-out: this session only. */
export async function endAgentSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.agentSession.deleteMany({ where: { id: sessionId } });
  disconnectSessionSockets(sessionId);
}

/**
 * Deletes an agent's sessions (all, or all but `keep`) inside the caller's transaction; call the
 * answered `disconnect` after the commit to drop their live sockets.
 */
export async function revokeAgentSessions(
  tx: DbOrTx,
  agentId: string,
  { keep }: { keep?: string } = {},
): Promise<{ revoked: number; disconnect: () => void }> {
  const { count } = await tx.agentSession.deleteMany({ where: { agentId, ...(keep ? { id: { not: keep } } : {}) } });
  return { revoked: count, disconnect: () => disconnectAgentSockets(agentId, { keepSession: keep }) };
}

/** How many browsers an agent is signed in in (for "Your account"). */
export async function countAgentSessions(db: DbOrTx, agentId: string, now = new Date()): Promise<number> {
  return db.agentSession.count({ where: { agentId, expiresAt: { gt: now } } });
}
