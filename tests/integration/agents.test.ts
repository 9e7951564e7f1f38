import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, TEST_PASSWORD } from "../factories";
import { createAgent, setAgentActive, updateAgent } from "@/lib/agents/manage-agents";
import { checkAgentCredentials, verifyAgentCredentials } from "@/lib/auth/options";
import { loadAgentActor } from "@/lib/auth/agents";

describe("sign-in credentials", () => {
  it("accepts the right password (email case-insensitive) and refuses a wrong one or an unknown email", async () => {
    const db = testDatabase().prisma;
    const { agent } = await createTeam(db);
    expect(
      (await verifyAgentCredentials({ email: agent.agent.email.toUpperCase(), password: TEST_PASSWORD }))?.id,
    ).toBe(agent.agent.id);
    expect(await verifyAgentCredentials({ email: agent.agent.email, password: "wrong password" })).toBeNull();
    expect(await verifyAgentCredentials({ email: "nobody@example.test", password: TEST_PASSWORD })).toBeNull();
    expect(await verifyAgentCredentials({ email: "not an email", password: "" })).toBeNull();
  });

  it("stores argon2id hashes and never returns them by default", async () => {
    const db = testDatabase().prisma;
    const { agent } = await createTeam(db);
    const plain = await db.agent.findUniqueOrThrow({ where: { id: agent.agent.id } });
    expect("passwordHash" in plain).toBe(false);
    const withHash = await db.agent.findUniqueOrThrow({ where: { id: agent.agent.id }, omit: { passwordHash: false } });
    expect(withHash.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("managing agents", () => {
  it("lets an admin create an agent with a role and the All-chats permission, audited", async () => {
    const db = testDatabase().prisma;
    const { admin, tenant } = await createTeam(db);
    const created = await createAgent.fromUntrusted({
      db,
      actor: admin.actor,
      input: {
        email: "New.Person@Example.test",
        name: "New Person",
        password: "long enough pw",
        role: "SUPERVISOR",
        canSeeAllChats: false,
      },
    });
    expect(created).toMatchObject({
      email: "new.person@example.test",
      role: "SUPERVISOR",
      canSeeAllChats: false,
      tenantId: tenant.id,
    });
    expect(
      await verifyAgentCredentials({ email: "new.person@example.test", password: "long enough pw" }),
    ).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "agent.created" } });
    expect(audit).toMatchObject({ actorKind: "agent", actorId: admin.agent.id, targetId: created.id });
  });

  it("refuses non-admins (403), duplicate emails (409) and bad input (400)", async () => {
    const db = testDatabase().prisma;
    const { admin, supervisor, agent } = await createTeam(db);
    const input = { email: "x@example.test", name: "X", password: "long enough pw" };
    await expect(createAgent.fromUntrusted({ db, actor: supervisor.actor, input })).rejects.toMatchObject({
      status: 403,
    });
    await expect(createAgent.fromUntrusted({ db, actor: agent.actor, input })).rejects.toMatchObject({ status: 403 });
    await createAgent.fromUntrusted({ db, actor: admin.actor, input });
    await expect(createAgent.fromUntrusted({ db, actor: admin.actor, input })).rejects.toMatchObject({
      status: 409,
      code: "email_taken",
    });
    await expect(
      createAgent.fromUntrusted({ db, actor: admin.actor, input: { email: "bad", name: "", password: "short" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ field: "email" }),
          expect.objectContaining({ field: "password" }),
        ]),
      },
    });
  });

  it("changes role and permission, and cannot reach another tenant's agent", async () => {
    const db = testDatabase().prisma;
    const { admin, agent } = await createTeam(db);
    const other = await createTeam(db);
    const updated = await updateAgent({
      db,
      actor: admin.actor,
      input: { agentId: agent.agent.id, canSeeAllChats: false, role: "SUPERVISOR" },
    });
    expect(updated).toMatchObject({ canSeeAllChats: false, role: "SUPERVISOR" });
    await expect(
      updateAgent({ db, actor: admin.actor, input: { agentId: other.agent.agent.id, role: "ADMIN" } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("deactivates: no sign-in, no session; reactivates; never the last admin", async () => {
    const db = testDatabase().prisma;
    const { admin, agent } = await createTeam(db);
    await setAgentActive({ db, actor: admin.actor, agentId: agent.agent.id, active: false });
    expect(await verifyAgentCredentials({ email: agent.agent.email, password: TEST_PASSWORD })).toBeNull();
    // The sign-in page may say why — only to someone with the right password.
    expect(await checkAgentCredentials({ email: agent.agent.email, password: TEST_PASSWORD })).toBe("deactivated");
    expect(await checkAgentCredentials({ email: agent.agent.email, password: "a guess" })).toBeNull();
    expect(await loadAgentActor(db, agent.agent.id, agent.agent.tenantId)).toBeNull();
    await setAgentActive({ db, actor: admin.actor, agentId: agent.agent.id, active: true });
    expect(await loadAgentActor(db, agent.agent.id, agent.agent.tenantId)).not.toBeNull();

    await expect(
      setAgentActive({ db, actor: admin.actor, agentId: admin.agent.id, active: false }),
    ).rejects.toMatchObject({ code: "last_admin" });
    await expect(
      updateAgent({ db, actor: admin.actor, input: { agentId: admin.agent.id, role: "AGENT" } }),
    ).rejects.toMatchObject({ code: "last_admin" });
  });
});
