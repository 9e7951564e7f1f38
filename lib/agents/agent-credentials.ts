// Passwords and sessions of agents: change your own password (your other sessions end; too many wrong
// current passwords end this one: PASSWORD_CHANGE_LIMIT), an admin sets
// an agent's password (all their sessions end), and "sign out everywhere" (for yourself, or an admin
// for anyone in the tenant). Ended sessions stop working at their next request and their live sockets
// are dropped on every instance (lib/auth/agent-sessions.ts). Their password work goes ahead of sign-ins from
// new addresses (lib/auth/password-work.ts); when even so there is too much, PasswordWorkBusy (503) is thrown
// and nothing is counted or changed.
import "server-only";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PasswordWorkBusy } from "@/lib/auth/password-work";
import { endAgentSession, revokeAgentSessions } from "@/lib/auth/agent-sessions";
import { countWrongPassword } from "@/lib/auth/sign-in-guard";
import { refundRateLimit, reserveRateLimit, resetRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limiter";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { AppError, Forbidden, InvalidInput, NotFound, RateLimited, Unauthenticated } from "@/lib/errors";
import { agentIdSchema, changeOwnPasswordSchema, setAgentPasswordSchema } from "./agent-schemas";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

/**
 * Wrong current passwords a session may give before it ends: whoever holds a session (a browser left open,
 * a stolen cookie) cannot use the form to guess the password and then change it, locking its owner out.
 * Each wrong one also counts against the account as a failed sign-in does (lib/auth/sign-in-guard.ts).
 */
export const PASSWORD_CHANGE_LIMIT = {
  name: "password-change:session",
  limit: 5,
  windowSeconds: 15 * 60,
} satisfies RateLimitRule;

export class WrongCurrentPassword extends InvalidInput {
  constructor(triesLeft: number) {
    const tries = triesLeft === 1 ? "1 more try" : `${triesLeft} more tries`;
    const message = `is not right (${tries} before you are signed out)`;
    super(`The current password ${message}.`, { fields: [{ field: "currentPassword", message }] }, "wrong_password");
  }
}

export class SignedOutAfterWrongPasswords extends Unauthenticated {
  constructor() {
    super(`${PASSWORD_CHANGE_LIMIT.limit} wrong passwords: this session has ended. Sign in again.`);
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
    const session = actor.sessionId ?? `agent:${actor.agentId}`;
    const attempt = await reserveRateLimit(PASSWORD_CHANGE_LIMIT, session);
    if (!attempt.allowed) throw await signOutAfterWrongPasswords(db, actor.sessionId, attempt.retryAfterSeconds);
    if (!(await verifyCurrentPassword(agent.passwordHash, currentPassword, session))) {
      await countWrongPassword(agent.email);
      const triesLeft = PASSWORD_CHANGE_LIMIT.limit - attempt.count;
      if (triesLeft <= 0) throw await signOutAfterWrongPasswords(db, actor.sessionId, attempt.retryAfterSeconds);
      throw new WrongCurrentPassword(triesLeft);
    }
    // Whoever knows the password may mistype it again: the session's count starts over.
    await resetRateLimit(PASSWORD_CHANGE_LIMIT, session);
    const passwordHash = await hashPassword(newPassword, "first");
    return replacePassword(db, actor, agent.id, passwordHash, {
      action: "agent.password_changed",
      keepSession: actor.sessionId,
    });
  },
});

/** The current password's check, reserved against PASSWORD_CHANGE_LIMIT: a refusal as busy gives that back. */
async function verifyCurrentPassword(passwordHash: string, currentPassword: string, session: string) {
  try {
    return await verifyPassword(passwordHash, currentPassword, "first");
  } catch (error) {
    // Not checked, so not a wrong password: five refusals in a busy minute must not end the session.
    if (error instanceof PasswordWorkBusy) await refundRateLimit(PASSWORD_CHANGE_LIMIT, session);
    throw error;
  }
}

/** Ends the session that gave too many wrong passwords; without one (an API caller), refuses for a while. */
async function signOutAfterWrongPasswords(db: Db, sessionId: string | undefined, retryAfterSeconds: number) {
  if (!sessionId) return new RateLimited(retryAfterSeconds);
  await endAgentSession(db, sessionId);
  return new SignedOutAfterWrongPasswords();
}

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
    const passwordHash = await hashPassword(password, "first");
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
    await tx.agent.update({
      where: { id: agent.id, tenantId: actor.tenantId },
      data: { passwordHash },
      select: { id: true },
    });
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
