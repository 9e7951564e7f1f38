// Passwords and sessions of agents: change your own password (your other sessions end), an admin sets
// an agent's password (all their sessions end), and "sign out everywhere" (for yourself, or an admin
// for anyone in the tenant). Ended sessions stop working at their next request and their live sockets
// are dropped on every instance (lib/auth/agent-sessions.ts).
import "server-only";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeAgentSessions } from "@/lib/auth/agent-sessions";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { AppError, Forbidden, InvalidInput, NotFound } from "@/lib/errors";
import { agentIdSchema, changeOwnPasswordSchema, setAgentPasswordSchema } from "./agent-schemas";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export class WrongCurrentPassword extends InvalidInput {
  constructor() {
    super(
      "The current password is not right.",
      { fields: [{ field: "currentPassword", message: "is not right" }] },
      "wrong_password",
    );
  }
}

/** The signed-in agent changes their password; every other session of theirs ends, this one stays. */
export const changeOwnPassword = defineUseCase({
  inputName: "password change",
  input: changeOwnPasswordSchema,
  authorize: ({ actor }: UseCaseContext) => {
    if (actor.kind !== "agent") throw new Forbidden("Only a signed-in agent changes their own password.");
    return actor;
  },
  run: async ({ db }, { currentPassword, newPassword }, actor): Promise<{ revokedSessions: number }> => {
    const agent = await db.agent.findFirst({
      where: { id: actor.agentId, tenantId: actor.tenantId, deactivatedAt: null },
      omit: { passwordHash: false },
    });
    if (!agent) throw new NotFound("agent");
    if (!(await verifyPassword(agent.passwordHash, currentPassword))) throw new WrongCurrentPassword();
    const passwordHash = await hashPassword(newPassword);
    return replacePassword(db, actor, agent.id, passwordHash, {
      action: "agent.password_changed",
      keepSession: actor.sessionId,
    });
  },
});

/** An admin sets another agent's password (a forgotten one, or a leaked one): all their sessions end. */
export const setAgentPassword = defineUseCase({
  inputName: "password",
  input: setAgentPasswordSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "agents.manage", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, { agentId, password }): Promise<{ revokedSessions: number }> => {
    if (actor.kind === "agent" && actor.agentId === agentId) {
      throw new AppError(
        409,
        "own_password",
        "Change your own password under Your account: it asks for the current one.",
      );
    }
    const passwordHash = await hashPassword(password);
    return replacePassword(db, actor, agentId, passwordHash, { action: "agent.password_set" });
  },
});

/**
 * Stores the agent's new password hash and ends their sessions (all, or all but the one kept), with its
 * audit entry, in one transaction; the ended sessions' sockets are dropped after the commit.
 */
async function replacePassword(
  db: Db,
  actor: Actor,
  agentId: string,
  passwordHash: string,
  { action, keepSession }: { action: "agent.password_changed" | "agent.password_set"; keepSession?: string },
): Promise<{ revokedSessions: number }> {
  const outcome = await db.$transaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId }, select: { id: true } });
    if (!agent) throw new NotFound("agent");
    await tx.agent.update({ where: { id: agent.id }, data: { passwordHash }, select: { id: true } });
    const revoked = await revokeAgentSessions(tx, agent.id, { keep: keepSession });
    await recordAudit(tx, actor, {
      action,
      targetType: "agent",
      targetId: agent.id,
      data: { revokedSessions: revoked.revoked },
    });
    return revoked;
  });
  outcome.disconnect();
  return { revokedSessions: outcome.revoked };
}

/** "Sign out everywhere": every session of the agent ends, the caller's own included when it is theirs. */
export const signOutEverywhere = defineUseCase({
  inputName: "agent",
  input: agentIdSchema,
  // Who may sign an agent out depends on the agent named (themself, or any for an admin): checked in run.
  run: async ({ db, actor }: UseCaseContext, { agentId }): Promise<{ id: string; revokedSessions: number }> => {
    authorize(actor, "agents.signOut", { tenantId: actor.tenantId, agentId });
    const outcome = await db.$transaction(async (tx) => {
      const agent = await tx.agent.findFirst({
        where: { id: agentId, tenantId: actor.tenantId },
        select: { id: true },
      });
      if (!agent) throw new NotFound("agent");
      const revoked = await revokeAgentSessions(tx, agent.id);
      await recordAudit(tx, actor, {
        action: "agent.signed_out_everywhere",
        targetType: "agent",
        targetId: agent.id,
        data: { revokedSessions: revoked.revoked },
      });
      return revoked;
    });
    outcome.disconnect();
    return { id: agentId, revokedSessions: outcome.revoked };
  },
});
