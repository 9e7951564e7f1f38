import { describe, expect, it } from "vitest";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { POST as postMessage } from "@/app/api/v1/messages/route";

const body = { channel: "webchat", from: "visitor-1", text: "hello" };

describe("API key authentication", () => {
  it("answers 401 without a key, with a wrong key, and with a revoked key", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const missing = await callApi(postMessage, { body });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: "unauthenticated", message: expect.stringContaining("Bearer") });

    expect((await callApi(postMessage, { key: "bk_wrong", body })).status).toBe(401);
    expect((await callApi(postMessage, { body, headers: { authorization: `Basic ${service.key}` } })).status).toBe(401);

    await db.apiKey.update({ where: { id: service.apiKeyId }, data: { revokedAt: new Date() } });
    await settleAdmissionChanges(); // keys are authenticated from the admission cache, told of changes by NOTIFY
    expect((await callApi(postMessage, { key: service.key, body })).status).toBe(401);
  });

  it("stores keys only as hashes", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: service.apiKeyId }, omit: { keyHash: false } });
    expect(stored.keyHash).not.toContain(service.key);
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(service.key.startsWith(stored.prefix)).toBe(true);
  });

  it("acts as the agent named by X-Agent-Id, and answers 404 for an unknown or foreign agent", async () => {
    const db = testDatabase().prisma;
    const { service, agent } = await createTeam(db);
    const other = await createTeam(db);
    expect((await callApi(postMessage, { key: service.key, agentId: agent.agent.id, body })).status).toBe(202);
    const foreign = await callApi(postMessage, { key: service.key, agentId: other.agent.agent.id, body });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toContain("X-Agent-Id");
    expect((await callApi(postMessage, { key: service.key, agentId: "no-such-agent", body })).status).toBe(404);
  });

  it("scopes a key to its tenant", async () => {
    const db = testDatabase().prisma;
    const a = await createTeam(db);
    const b = await createTeam(db);
    const res = await callApi(postMessage, { key: a.service.key, body });
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: res.body.conversationId } });
    expect(conversation.tenantId).toBe(a.tenant.id);
    expect(await db.conversation.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });
});
