import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { createApiKeyRecord } from "../factories/settings";
import { createTenantApiKey, listApiKeys, revokeApiKey, updateApiKey } from "@/lib/api-keys/manage-api-keys";
import { authenticateApiKey, hashApiKey, touchApiKeyUsage } from "@/lib/auth/api-keys";
import { setAgentActive } from "@/lib/agents/manage-agents";
import { GET as listLabelsRoute } from "@/app/api/v1/labels/route";

const fieldNamed = (field: string) => expect.arrayContaining([expect.objectContaining({ field })]);

describe("creating API keys", () => {
  it("returns the clear key once, stores only its SHA-256, and the key authenticates as the tenant", async () => {
    const db = testDatabase().prisma;
    const { admin, tenant } = await createTeam(db);
    const { key, apiKey } = await createTenantApiKey.fromUntrusted({
      db,
      actor: admin.actor,
      input: { name: "  WhatsApp webhook " },
    });
    expect(key).toMatch(/^bk_[\w-]{40,}$/);
    expect(apiKey).toMatchObject({ name: "WhatsApp webhook", defaultAgentId: null, lastUsedAt: null, revokedAt: null });
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.prefix.length).toBeLessThan(12);
    expect(JSON.stringify(apiKey)).not.toContain(key);
    expect("keyHash" in apiKey).toBe(false);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id }, omit: { keyHash: false } });
    expect(stored.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key.slice(apiKey.prefix.length));
    expect("keyHash" in (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } }))).toBe(false);

    // Nothing that reads keys later hands the clear key (or its hash) back.
    const listed = await listApiKeys({ db, actor: admin.actor });
    expect(listed.map((k) => k.id)).toContain(apiKey.id);
    for (const row of listed) expect(Object.keys(row)).not.toContain("keyHash");
    expect(JSON.stringify(listed)).not.toContain(key);

    expect(await authenticateApiKey(db, key)).toMatchObject({
      kind: "service",
      tenantId: tenant.id,
      apiKeyId: apiKey.id,
      apiKeyName: "WhatsApp webhook",
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "api_key.created", targetId: apiKey.id } });
    expect(audit).toMatchObject({ actorKind: "agent", actorId: admin.agent.id, tenantId: tenant.id });
    expect(JSON.stringify(audit.data)).not.toContain(key);
  });

  it("sets a default agent the key then carries: an active agent of the tenant (else 400 on the field)", async () => {
    const db = testDatabase().prisma;
    const { admin, agent, supervisor } = await createTeam(db);
    const other = await createTeam(db);
    const { key, apiKey } = await createTenantApiKey.fromUntrusted({
      db,
      actor: admin.actor,
      input: { name: "Bot", defaultAgentId: agent.agent.id },
    });
    expect(apiKey).toMatchObject({
      defaultAgentId: agent.agent.id,
      defaultAgent: { id: agent.agent.id, name: agent.agent.name },
    });
    expect(await authenticateApiKey(db, key)).toMatchObject({ defaultAgentId: agent.agent.id });

    expect(
      (
        await createTenantApiKey.fromUntrusted({
          db,
          actor: admin.actor,
          input: { name: "No default", defaultAgentId: "" },
        })
      ).apiKey.defaultAgentId,
    ).toBeNull();

    await setAgentActive({ db, actor: admin.actor, agentId: supervisor.agent.id, active: false });
    for (const defaultAgentId of [other.agent.agent.id, supervisor.agent.id, "no-such-agent"]) {
      await expect(
        createTenantApiKey.fromUntrusted({ db, actor: admin.actor, input: { name: "Bad", defaultAgentId } }),
      ).rejects.toMatchObject({
        status: 400,
        details: { fields: fieldNamed("defaultAgentId") },
      });
    }
    expect(await db.apiKey.count({ where: { name: "Bad" } })).toBe(0);
  });

  it("answers 400 naming the field for a missing or too long name", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    for (const input of [{}, { name: "  " }, { name: "k".repeat(81) }, { name: 7 }]) {
      await expect(createTenantApiKey.fromUntrusted({ db, actor: admin.actor, input })).rejects.toMatchObject({
        status: 400,
        details: { fields: fieldNamed("name") },
      });
    }
  });

  it("is for admins only: supervisors, agents and API keys themselves get 403", async () => {
    const db = testDatabase().prisma;
    const { admin, supervisor, agent, limited, service } = await createTeam(db);
    const { record: apiKey } = await createApiKeyRecord(db, admin.actor.tenantId, { name: "Existing" });
    for (const actor of [supervisor.actor, agent.actor, limited.actor, service]) {
      await expect(createTenantApiKey({ db, actor, input: { name: "Sneaky" } })).rejects.toMatchObject({ status: 403 });
      await expect(listApiKeys({ db, actor })).rejects.toMatchObject({ status: 403 });
      await expect(updateApiKey({ db, actor, input: { apiKeyId: apiKey.id, name: "Renamed" } })).rejects.toMatchObject({
        status: 403,
      });
      await expect(revokeApiKey({ db, actor, apiKeyId: apiKey.id })).rejects.toMatchObject({ status: 403 });
    }
    expect(await db.apiKey.count({ where: { name: "Sneaky" } })).toBe(0);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).toMatchObject({
      name: "Existing",
      revokedAt: null,
    });
  });
});

describe("updating and revoking API keys", () => {
  it("renames and changes or clears the default agent, audited", async () => {
    const db = testDatabase().prisma;
    const { admin, agent, supervisor } = await createTeam(db);
    const { apiKey } = await createTenantApiKey({
      db,
      actor: admin.actor,
      input: { name: "Flow", defaultAgentId: agent.agent.id },
    });

    const renamed = await updateApiKey({
      db,
      actor: admin.actor,
      input: { apiKeyId: apiKey.id, name: "Support flow", defaultAgentId: supervisor.agent.id },
    });
    expect(renamed).toMatchObject({
      name: "Support flow",
      defaultAgentId: supervisor.agent.id,
      defaultAgent: { name: supervisor.agent.name },
    });
    const cleared = await updateApiKey({
      db,
      actor: admin.actor,
      input: { apiKeyId: apiKey.id, defaultAgentId: null },
    });
    expect(cleared).toMatchObject({ name: "Support flow", defaultAgentId: null, defaultAgent: null });

    const audits = await db.auditLog.findMany({
      where: { action: "api_key.updated", targetId: apiKey.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.data)).toEqual([
      {
        before: { name: "Flow", defaultAgentId: agent.agent.id },
        after: { name: "Support flow", defaultAgentId: supervisor.agent.id },
      },
      {
        before: { name: "Support flow", defaultAgentId: supervisor.agent.id },
        after: { name: "Support flow", defaultAgentId: null },
      },
    ]);
    // Nothing to change: nothing written.
    await updateApiKey({ db, actor: admin.actor, input: { apiKeyId: apiKey.id, name: "Support flow" } });
    expect(await db.auditLog.count({ where: { action: "api_key.updated", targetId: apiKey.id } })).toBe(2);
  });

  it("refuses a default agent not active in the tenant (400), bad input (400), other tenants' keys (404)", async () => {
    const db = testDatabase().prisma;
    const { admin, agent } = await createTeam(db);
    const other = await createTeam(db);
    const { apiKey } = await createTenantApiKey.fromUntrusted({ db, actor: admin.actor, input: { name: "Flow" } });
    await expect(
      updateApiKey.fromUntrusted({
        db,
        actor: admin.actor,
        input: { apiKeyId: apiKey.id, defaultAgentId: other.agent.agent.id },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("defaultAgentId") },
    });
    await setAgentActive({ db, actor: admin.actor, agentId: agent.agent.id, active: false });
    await expect(
      updateApiKey.fromUntrusted({
        db,
        actor: admin.actor,
        input: { apiKeyId: apiKey.id, defaultAgentId: agent.agent.id },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("defaultAgentId") },
    });
    await expect(
      updateApiKey.fromUntrusted({ db, actor: admin.actor, input: { apiKeyId: apiKey.id, name: "" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("name") },
    });
    await expect(
      updateApiKey.fromUntrusted({ db, actor: admin.actor, input: { apiKeyId: apiKey.id } }),
    ).rejects.toMatchObject({
      status: 400,
    });

    const foreign = await createApiKeyRecord(db, other.tenant.id, { name: "Theirs" });
    await expect(
      updateApiKey.fromUntrusted({ db, actor: admin.actor, input: { apiKeyId: foreign.record.id, name: "Mine" } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiKey({ db, actor: admin.actor, apiKeyId: foreign.record.id })).rejects.toMatchObject({
      status: 404,
    });
    expect((await listApiKeys({ db, actor: admin.actor })).map((k) => k.id)).not.toContain(foreign.record.id);
    expect(await authenticateApiKey(db, foreign.key)).not.toBeNull();
  });

  it("revoking makes the key fail authentication (the API answers 401); idempotent, audited once", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const { key, apiKey } = await createTenantApiKey({ db, actor: admin.actor, input: { name: "Old connector" } });
    expect((await callApi(listLabelsRoute, { key, path: "/api/v1/labels" })).status).toBe(200);

    const revoked = await revokeApiKey({ db, actor: admin.actor, apiKeyId: apiKey.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(db, key)).toBeNull();
    const refused = await callApi(listLabelsRoute, { key, path: "/api/v1/labels" });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthenticated");

    const again = await revokeApiKey({ db, actor: admin.actor, apiKeyId: apiKey.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect(await db.auditLog.count({ where: { action: "api_key.revoked", targetId: apiKey.id } })).toBe(1);
    await expect(
      updateApiKey({ db, actor: admin.actor, input: { apiKeyId: apiKey.id, name: "Revived?" } }),
    ).rejects.toMatchObject({
      status: 409,
      code: "api_key_revoked",
    });
    // Revoked keys stay listed (after the active ones) so admins can see what was revoked and when.
    const { apiKey: fresh } = await createTenantApiKey({ db, actor: admin.actor, input: { name: "New connector" } });
    const listed = await listApiKeys({ db, actor: admin.actor });
    expect(listed.findIndex((k) => k.id === fresh.id)).toBeLessThan(listed.findIndex((k) => k.id === apiKey.id));
  });

  it("a key whose default agent is deleted keeps working without one", async () => {
    const db = testDatabase().prisma;
    const { admin, agent } = await createTeam(db);
    const { key, apiKey } = await createTenantApiKey({
      db,
      actor: admin.actor,
      input: { name: "Bot", defaultAgentId: agent.agent.id },
    });
    await db.agent.delete({ where: { id: agent.agent.id } });
    expect(await authenticateApiKey(db, key)).toMatchObject({ apiKeyId: apiKey.id, defaultAgentId: null });
  });
});

describe("touchApiKeyUsage", () => {
  it("records the first use, then at most one write per minute per key", async () => {
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    const a = await createApiKeyRecord(db, tenant.id);
    const b = await createApiKeyRecord(db, tenant.id);
    const t0 = new Date("2030-01-01T10:00:00.000Z");
    const lastUsed = async (id: string) => (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;

    expect(await touchApiKeyUsage(db, a.record.id, t0)).toBe(true);
    expect(await lastUsed(a.record.id)).toEqual(t0);
    expect(await touchApiKeyUsage(db, a.record.id, new Date(t0.getTime() + 30_000))).toBe(false);
    expect(await touchApiKeyUsage(db, a.record.id, new Date(t0.getTime() + 60_000))).toBe(false);
    expect(await lastUsed(a.record.id)).toEqual(t0);
    // Another key is throttled on its own.
    expect(await touchApiKeyUsage(db, b.record.id, new Date(t0.getTime() + 30_000))).toBe(true);

    const later = new Date(t0.getTime() + 61_000);
    expect(await touchApiKeyUsage(db, a.record.id, later)).toBe(true);
    expect(await lastUsed(a.record.id)).toEqual(later);
  });

  it("with the real clock: a burst of concurrent calls writes once", async () => {
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    const { record } = await createApiKeyRecord(db, tenant.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => touchApiKeyUsage(db, record.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const { lastUsedAt } = await db.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(Math.abs(Date.now() - lastUsedAt!.getTime())).toBeLessThan(10_000);
  });

  it("is safe to fire and forget: an unknown key or a failing database resolves to false, never rejects", async () => {
    const db = testDatabase().prisma;
    expect(await touchApiKeyUsage(db, "no-such-key")).toBe(false);
    const broken = {
      apiKey: { updateMany: () => Promise.reject(new Error("connection lost")) },
    } as unknown as typeof db;
    const originalError = console.error;
    console.error = () => {};
    try {
      await expect(touchApiKeyUsage(broken, "any")).resolves.toBe(false);
    } finally {
      console.error = originalError;
    }
  });
});
