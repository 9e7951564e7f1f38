// Admins create agents, change their role and "can see All chats" permission, and deactivate them.
// Deactivated agents cannot sign in, their sessions are revoked and their live sockets dropped; an
// agent whose role or "can see All chats" changes has their sockets reconnect into the right rooms.
import "server-only";
import type { DbOrTx, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadAgentActor } from "@/lib/auth/agents";
import { revokeAgentSessions } from "@/lib/auth/agent-sessions";
import { disconnectAgentSockets } from "@/lib/realtime/publish";
import { hashPassword } from "@/lib/auth/password";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { createAgentSchema, updateAgentSchema, type CreateAgentInput } from "./agent-schemas";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

/**
 * Inserts an agent without a policy check: for the demo seed and createAgent. `passwordHash`: the password
 * already hashed (createAgent hashes before its transaction: a wait for a turn of password work,
 * lib/auth/password-work.ts, must not hold a connection — on the embedded database, every other query).
 */
export async function insertAgent(
  db: DbOrTx,
  tenantId: string,
  input: CreateAgentInput,
  { passwordHash }: { passwordHash?: string } = {},
) {
  try {
    return await db.agent.create({
      data: {
        tenantId,
        email: input.email,
        name: input.name,
        role: input.role,
        canSeeAllChats: input.canSeeAllChats,
        passwordHash: passwordHash ?? (await hashPassword(input.password)),
      },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict("email_taken", `An agent with the email ${input.email} already exists.`);
    throw error;
  }
}

export async function listAgents({ db, actor }: { db: DbOrTx; actor: Actor }) {
  return db.agent.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
}

export const createAgent = defineUseCase({
  inputName: "agent",
  input: createAgentSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "agents.manage", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data) => {
    // An admin's action: ahead of sign-ins from new addresses; PasswordWorkBusy (503) when even so too busy.
    const passwordHash = await hashPassword(data.password, "first");
    return db.$transaction(async (tx) => {
      const agent = await insertAgent(tx, actor.tenantId, data, { passwordHash });
      await recordAudit(tx, actor, {
        action: "agent.created",
        targetType: "agent",
        targetId: agent.id,
        data: { email: agent.email, role: agent.role, canSeeAllChats: agent.canSeeAllChats },
      });
      return agent;
    });
  },
});

async function findAgent(db: DbOrTx, actor: Actor, agentId: string) {
  const agent = await db.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId } });
  if (!agent) throw new NotFound("agent");
  return agent;
}

/**
 * Serializes changes to the tenant's agents, then checks the actor again under the lock. Without it two
 * admins demoting or deactivating each other at once each saw the other still active and both went
 * through, leaving no admin. NO KEY UPDATE: ingest's foreign-key checks on the tenant row (KEY SHARE)
 * are not held up.
 */
async function lockTenantAgents(tx: Tx, actor: Actor): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${actor.tenantId} FOR NO KEY UPDATE`;
  if (actor.kind !== "agent") return;
  // An admin removed a moment ago (by the transaction we just waited for) no longer manages agents.
  const current = await loadAgentActor(tx, actor.agentId, actor.tenantId);
  if (!current) throw new Forbidden("Your account is no longer active.");
  authorize(current, "agents.manage", { tenantId: actor.tenantId });
}

/** Guards against a tenant locking itself out: the last active admin cannot be demoted or deactivated. */
async function assertAnotherActiveAdmin(db: DbOrTx, tenantId: string, agentId: string) {
  const others = await db.agent.count({
    where: { tenantId, role: "ADMIN", deactivatedAt: null, id: { not: agentId } },
  });
  if (others === 0)
    throw new Conflict("last_admin", "This is the last active admin; make someone else an admin first.");
}

export const updateAgent = defineUseCase({
  inputName: "agent",
  input: updateAgentSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "agents.manage", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, { agentId, ...changes }) => {
    const { updated, accessChanged } = await db.$transaction(async (tx) => {
      await lockTenantAgents(tx, actor);
      const agent = await findAgent(tx, actor, agentId);
      if (agent.role === "ADMIN" && changes.role && changes.role !== "ADMIN") {
        await assertAnotherActiveAdmin(tx, actor.tenantId, agent.id);
      }
      const updated = await tx.agent.update({ where: { id: agent.id, tenantId: actor.tenantId }, data: changes });
      await recordAudit(tx, actor, { action: "agent.updated", targetType: "agent", targetId: agent.id, data: changes });
      return { updated, accessChanged: updated.role !== agent.role || updated.canSeeAllChats !== agent.canSeeAllChats };
    });
    // Their open sockets joined rooms for what they could see: they reconnect and join what they may see now.
    if (accessChanged) disconnectAgentSockets(updated.id);
    return updated;
  },
});

export async function setAgentActive({
  db,
  actor,
  agentId,
  active,
}: UseCaseContext & {
  agentId: string;
  active: boolean;
}) {
  authorize(actor, "agents.manage", { tenantId: actor.tenantId });
  const outcome = await db.$transaction(async (tx) => {
    await lockTenantAgents(tx, actor);
    const agent = await findAgent(tx, actor, agentId);
    if (active === !agent.deactivatedAt) return { updated: agent, revoked: null };
    if (!active && agent.role === "ADMIN") await assertAnotherActiveAdmin(tx, actor.tenantId, agent.id);
    const updated = await tx.agent.update({
      where: { id: agent.id, tenantId: actor.tenantId },
      data: { deactivatedAt: active ? null : new Date() },
    });
    // Their sessions end for good: reactivating them later does not bring old cookies back.
    const revoked = active ? null : await revokeAgentSessions(tx, agent.id);
    await recordAudit(tx, actor, {
      action: active ? "agent.reactivated" : "agent.deactivated",
      targetType: "agent",
      targetId: agent.id,
      ...(revoked ? { data: { revokedSessions: revoked.revoked } } : {}),
    });
    return { updated, revoked };
  });
  outcome.revoked?.disconnect();
  return outcome.updated;
}
