// Sessions can be ended: sign-out, a password change, deactivation and "sign out everywhere" make the
// session cookies they cover stop working at once (pages, API reads, sockets), even copies of them.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import type { JWT } from "next-auth/jwt";
import { testDatabase } from "../helpers/test-database";
import { TEST_AUTH_SECRET } from "../helpers/per-file-setup";
import { connectAgent, recordEvents, sessionCookie, settle, startRealtime } from "../helpers/realtime";
import { callApi } from "../helpers/api";
import { createTeam, TEST_PASSWORD } from "../factories";
import { authOptions, verifyAgentCredentials } from "@/lib/auth/options";
import { agentFromCookieHeader } from "@/lib/auth/session-cookie";
import { changeOwnPassword, setAgentPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";
import { setAgentActive } from "@/lib/agents/manage-agents";
import { setRealtimeServer } from "@/lib/realtime/publish";
import type { AgentActor } from "@/lib/auth/actor";
import { POST as signOutEverywhereRoute } from "@/app/api/v1/agents/[id]/sign-out-everywhere/route";

const db = () => testDatabase().prisma;

/** What next-auth does at sign-in: the jwt callback with the authorized user, then the signed cookie. */
async function signIn(agent: AgentActor): Promise<{ token: JWT; cookie: string }> {
  const callbacks = authOptions().callbacks!;
  const token = (await callbacks.jwt!({
    token: { sub: agent.agentId },
    user: { id: agent.agentId, email: agent.email, name: agent.name, tenantId: agent.tenantId, role: agent.role },
    account: null,
  } as never)) as JWT;
  return { token, cookie: `next-auth.session-token=${await encode({ token, secret: TEST_AUTH_SECRET })}` };
}

/** What next-auth does at sign-out (after which it clears the browser's cookie). */
async function signOut(token: JWT) {
  await authOptions().events!.signOut!({ token, session: null } as never);
}

const whoIs = (cookie: string) => agentFromCookieHeader(cookie, db(), TEST_AUTH_SECRET);

describe("ending sessions", () => {
  it("sign-out ends that session: a copy of its cookie no longer works; other sessions stay", async () => {
    const { agent } = await createTeam(db());
    const laptop = await signIn(agent.actor);
    const phone = await signIn(agent.actor);
    expect((await whoIs(laptop.cookie))?.agentId).toBe(agent.agent.id);
    await signOut(laptop.token);
    expect(await whoIs(laptop.cookie)).toBeNull();
    expect((await whoIs(phone.cookie))?.agentId).toBe(agent.agent.id);
  });

  it("a password change keeps the session it was made in and ends the others", async () => {
    const { agent } = await createTeam(db());
    const here = await signIn(agent.actor);
    const elsewhere = await signIn(agent.actor);
    const actor = (await whoIs(here.cookie))!;
    await expect(
      changeOwnPassword({ db: db(), actor, input: { currentPassword: "not it", newPassword: "a brand new password" } }),
    ).rejects.toMatchObject({ status: 400, code: "wrong_password" });
    expect(
      await changeOwnPassword({
        db: db(),
        actor,
        input: { currentPassword: TEST_PASSWORD, newPassword: "a brand new password" },
      }),
    ).toEqual({ revokedSessions: 1 });
    expect((await whoIs(here.cookie))?.agentId).toBe(agent.agent.id);
    expect(await whoIs(elsewhere.cookie)).toBeNull();
    expect(await verifyAgentCredentials({ email: agent.agent.email, password: "a brand new password" })).not.toBeNull();
  });

  it("a session giving five wrong current passwords ends: a stolen cookie cannot guess a new password in", async () => {
    const { agent } = await createTeam(db());
    const stolen = await signIn(agent.actor);
    const owners = await signIn(agent.actor);
    const actor = (await whoIs(stolen.cookie))!;
    const guess = (currentPassword: string) =>
      changeOwnPassword({ db: db(), actor, input: { currentPassword, newPassword: "the thief's password" } });
    for (const triesLeft of [4, 3, 2, 1]) {
      await expect(guess(`guess ${triesLeft}`)).rejects.toMatchObject({
        code: "wrong_password",
        details: { fields: [{ field: "currentPassword", message: expect.stringContaining(`${triesLeft} more tr`) }] },
      });
    }
    await expect(guess("guess 0")).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    expect(await whoIs(stolen.cookie)).toBeNull();
    // Even the right password no longer works through that session; the owner's own session is untouched.
    await expect(guess(TEST_PASSWORD)).rejects.toMatchObject({ status: 401 });
    expect((await whoIs(owners.cookie))?.agentId).toBe(agent.agent.id);
    expect(await verifyAgentCredentials({ email: agent.agent.email, password: TEST_PASSWORD })).not.toBeNull();
  });

  it("a right current password starts the count over: an owner who mistypes now and then stays in", async () => {
    const { agent } = await createTeam(db());
    const here = await signIn(agent.actor);
    const actor = (await whoIs(here.cookie))!;
    let password = TEST_PASSWORD;
    for (let round = 0; round < 3; round++) {
      const change = (currentPassword: string, newPassword: string) =>
        changeOwnPassword({ db: db(), actor, input: { currentPassword, newPassword } });
      for (let i = 0; i < 4; i++)
        await expect(change("typo", "unused password")).rejects.toMatchObject({ status: 400 });
      const next = `new password ${round}`;
      expect(await change(password, next)).toEqual({ revokedSessions: 0 });
      password = next;
    }
    expect((await whoIs(here.cookie))?.agentId).toBe(agent.agent.id);
  });

  it("an admin setting an agent's password, or signing them out everywhere, ends all their sessions", async () => {
    const { admin, agent, limited } = await createTeam(db());
    const a = await signIn(agent.actor);
    const b = await signIn(agent.actor);
    expect(
      await setAgentPassword({
        db: db(),
        actor: admin.actor,
        input: { agentId: agent.agent.id, password: "reset by the admin" },
      }),
    ).toEqual({ revokedSessions: 2 });
    expect(await whoIs(a.cookie)).toBeNull();
    expect(await whoIs(b.cookie)).toBeNull();

    const c = await signIn(limited.actor);
    // An agent may end only their own sessions; an admin anyone's in the tenant.
    await expect(
      signOutEverywhere({ db: db(), actor: agent.actor, input: { agentId: limited.agent.id } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await signOutEverywhere({ db: db(), actor: admin.actor, input: { agentId: limited.agent.id } })).toEqual({
      id: limited.agent.id,
      revokedSessions: 1,
    });
    expect(await whoIs(c.cookie)).toBeNull();
    const own = await signIn(agent.actor);
    expect(await signOutEverywhere({ db: db(), actor: agent.actor, input: { agentId: agent.agent.id } })).toMatchObject(
      { revokedSessions: 1 },
    );
    expect(await whoIs(own.cookie)).toBeNull();
  });

  it("deactivation ends every session for good: reactivating does not bring old cookies back", async () => {
    const { admin, agent } = await createTeam(db());
    const session = await signIn(agent.actor);
    await setAgentActive({ db: db(), actor: admin.actor, agentId: agent.agent.id, active: false });
    expect(await whoIs(session.cookie)).toBeNull();
    await setAgentActive({ db: db(), actor: admin.actor, agentId: agent.agent.id, active: true });
    expect(await whoIs(session.cookie)).toBeNull();
  });

  it("refuses a cookie without a session id (issued before sessions could be ended)", async () => {
    const { agent } = await createTeam(db());
    const old = await encode({
      token: {
        agentId: agent.agent.id,
        tenantId: agent.agent.tenantId,
        role: agent.agent.role,
        sub: agent.agent.id,
      } as JWT,
      secret: TEST_AUTH_SECRET,
    });
    expect(await whoIs(`next-auth.session-token=${old}`)).toBeNull();
  });

  it("takes a cookie with bad percent-encoding for no cookie, not an error (a socket or API read failed)", async () => {
    expect(await whoIs("next-auth.session-token=%E0%A4%A")).toBeNull();
    expect(await whoIs("a=%%; next-auth.session-token=%")).toBeNull();
  });

  it("POST /api/v1/agents/:id/sign-out-everywhere needs an admin named with X-Agent-Id", async () => {
    const { admin, agent, service } = await createTeam(db());
    const session = await signIn(agent.actor);
    const call = (agentId?: string) =>
      callApi(signOutEverywhereRoute, { method: "POST", key: service.key, agentId, params: { id: agent.agent.id } });
    expect((await call()).status).toBe(403);
    expect((await call(agent.agent.id)).status).toBe(200);
    const again = await signIn(agent.actor);
    const answer = await call(admin.agent.id);
    expect(answer).toMatchObject({ status: 200, body: { id: agent.agent.id, revokedSessions: 1 } });
    expect(await whoIs(session.cookie)).toBeNull();
    expect(await whoIs(again.cookie)).toBeNull();
  });

  it("drops the live sockets of ended sessions, and they cannot connect again", async () => {
    const server = await startRealtime(testDatabase());
    setRealtimeServer(server.io);
    try {
      const { admin, agent } = await createTeam(db());
      const cookie = await sessionCookie(agent.actor);
      const keptCookie = await sessionCookie(admin.actor);
      const socket = await connectAgent(server.url, agent.actor, cookie);
      const kept = await connectAgent(server.url, admin.actor, keptCookie);
      const dropped = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      await signOutEverywhere({ db: db(), actor: admin.actor, input: { agentId: agent.agent.id } });
      expect(await dropped).toBe("io server disconnect");
      await expect(connectAgent(server.url, agent.actor, cookie)).rejects.toThrow("unauthenticated");
      await settle();
      expect(kept.connected).toBe(true);
      expect(recordEvents(kept).events).toEqual([]);
      kept.disconnect();
    } finally {
      setRealtimeServer(undefined);
      await server.close();
    }
  });
});
