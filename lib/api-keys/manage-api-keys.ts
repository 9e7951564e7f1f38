// Admins create, rename and revoke the tenant's API keys and pick each key's default agent (who
// authors outgoing messages sent with the key when no X-Agent-Id names one). Keys are made by people:
// an API key cannot manage keys. The clear key is returned once, by createTenantApiKey; only its
// SHA-256 is stored, and the Prisma client never returns even that (lib/db omits keyHash).
import "server-only";
import type { Db, DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/auth/api-keys";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { createApiKeySchema, updateApiKeySchema } from "./api-key-schemas";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

/** What the settings page shows of a key: never its hash. */
const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  defaultAgentId: true,
  defaultAgent: { select: { id: true, name: true, deactivatedAt: true } },
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function authorizeManage(actor: Actor) {
  authorize(actor, "apiKeys.manage", { tenantId: actor.tenantId });
}

export async function listApiKeys({ db, actor }: { db: DbOrTx; actor: Actor }) {
  authorizeManage(actor);
  return db.apiKey.findMany({
    where: { tenantId: actor.tenantId },
    select: apiKeySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** A default agent must be an active agent of the key's tenant; anything else is a 400 on the field. */
async function assertDefaultAgent(db: DbOrTx, tenantId: string, agentId: string | null | undefined) {
  if (!agentId) return;
  const agent = await db.agent.findFirst({
    where: { id: agentId, tenantId, deactivatedAt: null },
    select: { id: true },
  });
  if (!agent) {
    throw new InvalidInput("Invalid API key: defaultAgentId: must be an active agent of this tenant", {
      fields: [{ field: "defaultAgentId", message: "must be an active agent of this tenant" }],
    });
  }
}

/** Creates a key and returns it in clear text: the only time anyone sees it. */
export const createTenantApiKey = defineUseCase({
  inputName: "API key",
  input: createApiKeySchema,
  authorize: ({ actor }: UseCaseContext) => {
    authorizeManage(actor);
  },
  run: async ({ db, actor }, data) => {
    return db.$transaction(async (tx) => {
      await assertDefaultAgent(tx, actor.tenantId, data.defaultAgentId);
      const { key, record } = await createApiKey(tx, actor.tenantId, data.name);
      const apiKey = await tx.apiKey.update({
        where: { id: record.id, tenantId: actor.tenantId },
        data: { defaultAgentId: data.defaultAgentId ?? null },
        select: apiKeySelect,
      });
      await recordAudit(tx, actor, {
        action: "api_key.created",
        targetType: "api_key",
        targetId: apiKey.id,
        data: { name: apiKey.name, prefix: apiKey.prefix, defaultAgentId: apiKey.defaultAgentId },
      });
      return { key, apiKey };
    });
  },
});

async function findApiKey(db: DbOrTx, actor: Actor, apiKeyId: string) {
  const apiKey = await db.apiKey.findFirst({
    where: { id: String(apiKeyId), tenantId: actor.tenantId },
    select: apiKeySelect,
  });
  if (!apiKey) throw new NotFound("API key");
  return apiKey;
}

export const updateApiKey = defineUseCase({
  inputName: "API key",
  input: updateApiKeySchema,
  authorize: ({ actor }: UseCaseContext) => {
    authorizeManage(actor);
  },
  run: async ({ db, actor }, { apiKeyId, ...changes }) => {
    return db.$transaction(async (tx) => {
      const apiKey = await findApiKey(tx, actor, apiKeyId);
      if (apiKey.revokedAt) throw new Conflict("api_key_revoked", "This API key is revoked; create a new one instead.");
      const renamed = changes.name !== undefined && changes.name !== apiKey.name;
      const reassigned = changes.defaultAgentId !== undefined && changes.defaultAgentId !== apiKey.defaultAgentId;
      if (!renamed && !reassigned) return apiKey;
      if (reassigned) await assertDefaultAgent(tx, actor.tenantId, changes.defaultAgentId);
      const updated = await tx.apiKey.update({
        where: { id: apiKey.id, tenantId: actor.tenantId },
        data: changes,
        select: apiKeySelect,
      });
      await recordAudit(tx, actor, {
        action: "api_key.updated",
        targetType: "api_key",
        targetId: apiKey.id,
        data: {
          before: { name: apiKey.name, defaultAgentId: apiKey.defaultAgentId },
          after: { name: updated.name, defaultAgentId: updated.defaultAgentId },
        },
      });
      return updated;
    });
  },
});

/** Revokes a key: it stops authenticating at the next request. Revoking twice changes nothing. */
export async function revokeApiKey({ db, actor, apiKeyId }: { db: Db; actor: Actor; apiKeyId: string }) {
  authorizeManage(actor);
  const result = await db.$transaction(async (tx) => {
    const apiKey = await findApiKey(tx, actor, apiKeyId);
    if (apiKey.revokedAt) return apiKey;
    const revoked = await tx.apiKey.update({
      where: { id: apiKey.id, tenantId: actor.tenantId },
      data: { revokedAt: new Date() },
      select: apiKeySelect,
    });
    await recordAudit(tx, actor, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: apiKey.id,
      data: { name: apiKey.name, prefix: apiKey.prefix },
    });
    return revoked;
  });
  await settleAdmissionChanges();
  return result;
}
