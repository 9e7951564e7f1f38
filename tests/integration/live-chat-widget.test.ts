// The web-chat widget's visitor side: sessions (anonymous, or signed by the host with HMAC), its own
// conversation only, "Talk to an agent" through the same gate, and live updates on the /widget namespace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { connectVisitor, startRealtime } from "../helpers/realtime";
import { TEST_AUTH_SECRET } from "../helpers/per-file-setup";
import { createTeam } from "../factories";
import type { Db } from "@/lib/db";
import { userSignature, verifyWidgetSession, signWidgetSession } from "@/lib/widget/widget-token";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { sendReply } from "@/lib/inbox/send-reply";
import { getConversation } from "@/lib/inbox/get-conversation";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { POST as sessionRoute } from "@/app/api/widget/session/route";
import { GET as stateRoute, POST as messageRoute } from "@/app/api/widget/messages/route";
import { POST as connectRoute } from "@/app/api/widget/connect/route";
import { POST as apiConnectRoute } from "@/app/api/v1/livechat/connect/route";

async function startSession(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await callApi(sessionRoute, { path: "/api/widget/session", body, headers });
  return res;
}

const visitor = (token: string) => ({ "x-widget-session": token });

async function say(token: string, text: string) {
  const res = await callApi(messageRoute, { path: "/api/widget/messages", body: { text }, headers: visitor(token) });
  expect(res.status).toBe(201);
  return res.body as { message: { id: string; body: string }; conversationId: string };
}

async function waitFor(
  events: Array<{ name: string; payload: any }>,
  name: string,
  predicate: (payload: any) => boolean = () => true,
) {
  for (let i = 0; i < 300; i++) {
    const found = events.find((e) => e.name === name && predicate(e.payload));
    if (found) return found.payload;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${name} (got ${events.map((e) => e.name).join(", ") || "nothing"})`);
}

const secretOf = async (db: Db, tenantId: string) =>
  (await db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).widgetSecret;

describe("widget sessions", () => {
  it("starts an anonymous session with a visitor id in an httpOnly cookie, and resumes it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const res = await startSession({ tenant: team.tenant.id });
    expect(res.status).toBe(200);
    expect(res.body.state).toMatchObject({
      tenant: { id: team.tenant.id, name: team.tenant.name, openNow: true },
      visitor: { authenticated: false },
      conversation: null,
      messages: [],
    });
    const session = verifyWidgetSession(res.body.token, TEST_AUTH_SECRET)!;
    expect(session).toMatchObject({ tenantId: team.tenant.id, externalId: null });
    expect(session.visitorId).toMatch(/^visitor-[0-9a-f]{32}$/);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\/api\/widget/);

    // Behind https (the widget in an iframe on another site): SameSite=None; Secure; Partitioned.
    const secure = await startSession({ tenant: team.tenant.id }, { "x-forwarded-proto": "https" });
    expect(secure.headers.get("set-cookie")).toMatch(/SameSite=none/i);
    expect(secure.headers.get("set-cookie")).toMatch(/Secure/);
    expect(secure.headers.get("set-cookie")).toMatch(/Partitioned/);

    // The cookie resumes the same visitor, with their conversation.
    await say(res.body.token, "Hello?");
    const cookiePair = cookie.split(";")[0]!;
    const resumed = await startSession({ tenant: team.tenant.id }, { cookie: cookiePair });
    expect(verifyWidgetSession(resumed.body.token, TEST_AUTH_SECRET)!.visitorId).toBe(session.visitorId);
    expect(resumed.body.state.messages.map((m: { body: string }) => m.body)).toEqual(["Hello?"]);
    expect(resumed.body.state.conversation).toMatchObject({ status: "open" });
    // Without it, a new visitor.
    const fresh = await startSession({ tenant: team.tenant.id });
    expect(verifyWidgetSession(fresh.body.token, TEST_AUTH_SECRET)!.visitorId).not.toBe(session.visitorId);
    expect((await startSession({ tenant: "no-such-tenant" })).status).toBe(404);
  });

  it("authenticates a visitor with a good HMAC signature; a bad one is 401, never silently anonymous", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const secret = await secretOf(db, team.tenant.id);
    const good = await startSession({
      tenant: team.tenant.id,
      user: "user-42",
      signature: userSignature(secret, "user-42"),
      name: "Grace Hopper",
    });
    expect(good.status).toBe(200);
    expect(good.body.state.visitor).toEqual({ authenticated: true });
    const sent = await say(good.body.token, "I'm signed in");
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: sent.conversationId },
      include: { contact: true },
    });
    expect(conversation).toMatchObject({
      channel: "webchat",
      contact: { authenticated: true, externalId: "user-42", name: "Grace Hopper" },
    });

    const cases = [
      { user: "user-42", signature: userSignature(secret, "user-43") },
      { user: "user-42", signature: userSignature("another-secret", "user-42") },
      { user: "user-42", signature: "not-hex" },
      { user: "user-42" },
      { signature: userSignature(secret, "user-42") },
    ];
    for (const body of cases) {
      const res = await startSession({ tenant: team.tenant.id, ...body });
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(res.body.error.code).toBe("invalid_signature");
    }
    // Uppercase hex is the same signature.
    expect(
      (
        await startSession({
          tenant: team.tenant.id,
          user: "user-42",
          signature: userSignature(secret, "user-42").toUpperCase(),
        })
      ).status,
    ).toBe(200);
  });

  it("gives another signed user (or a signed-out one) a new visitor id: nobody inherits another's chat", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const secret = await secretOf(db, team.tenant.id);
    const anonymous = await startSession({ tenant: team.tenant.id });
    const anonymousCookie = anonymous.headers.get("set-cookie")!.split(";")[0]!;
    const anonymousId = verifyWidgetSession(anonymous.body.token, TEST_AUTH_SECRET)!.visitorId;
    // Signing in keeps the visitor (their anonymous chat becomes theirs).
    const alice = await startSession(
      { tenant: team.tenant.id, user: "alice", signature: userSignature(secret, "alice") },
      { cookie: anonymousCookie },
    );
    expect(verifyWidgetSession(alice.body.token, TEST_AUTH_SECRET)!.visitorId).toBe(anonymousId);
    await say(alice.body.token, "alice's secret");
    const aliceCookie = alice.headers.get("set-cookie")!.split(";")[0]!;
    const bob = await startSession(
      { tenant: team.tenant.id, user: "bob", signature: userSignature(secret, "bob") },
      { cookie: aliceCookie },
    );
    expect(verifyWidgetSession(bob.body.token, TEST_AUTH_SECRET)!.visitorId).not.toBe(anonymousId);
    expect(bob.body.state.messages).toEqual([]);
    const signedOut = await startSession({ tenant: team.tenant.id }, { cookie: aliceCookie });
    expect(verifyWidgetSession(signedOut.body.token, TEST_AUTH_SECRET)!.visitorId).not.toBe(anonymousId);
    expect(signedOut.body.state.messages).toEqual([]);
  });

  it("keeps a signed user one visitor on every browser: no new identity per cookie-less start", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const secret = await secretOf(db, team.tenant.id);
    const signed = { tenant: team.tenant.id, user: "carol", signature: userSignature(secret, "carol") };
    const first = await startSession(signed);
    const visitorId = verifyWidgetSession(first.body.token, TEST_AUTH_SECRET)!.visitorId;
    const { conversationId } = await say(first.body.token, "hello from my laptop");
    // Another device, or cleared cookies, twenty times over: the same visitor, the same chat, one identity.
    for (let i = 0; i < 20; i++) {
      const again = await startSession(signed);
      expect(verifyWidgetSession(again.body.token, TEST_AUTH_SECRET)!.visitorId).toBe(visitorId);
    }
    const phone = await startSession(signed);
    expect((await say(phone.body.token, "and from my phone")).conversationId).toBe(conversationId);
    const contact = await db.contact.findFirstOrThrow({
      where: { tenantId: team.tenant.id, externalId: "carol" },
      include: { identities: true },
    });
    expect(contact.identities.map((i) => i.identifier)).toEqual([visitorId]);
  });

  it("takes only JSON, so another site's page cannot make its visitors' browsers start sessions", async () => {
    // A form or plain-text POST needs no CORS preflight: any page could send one from each of its visitors'
    // browsers, each from its own address, and use up the tenant's new-visitor limit. JSON needs a preflight,
    // which this server never grants another origin.
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const refused = await callApi(sessionRoute, {
        path: "/api/widget/session",
        rawBody: JSON.stringify({ tenant: team.tenant.id }),
        headers: { "content-type": contentType },
      });
      expect(refused.status, contentType).toBe(415);
      expect(refused.body.error.code).toBe("unsupported_media_type");
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    const started = await startSession({ tenant: team.tenant.id });
    expect(started.status).toBe(200);
    const text = await callApi(messageRoute, {
      path: "/api/widget/messages",
      rawBody: JSON.stringify({ text: "hi" }),
      headers: { "content-type": "text/plain", "x-widget-session": started.body.token },
    });
    expect(text.status).toBe(415);
    expect(await db.message.count({ where: { tenantId: team.tenant.id } })).toBe(0);
  });
});

describe("widget rate limits", () => {
  it("answers 429 with Retry-After when one visitor floods messages", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const token = (await startSession({ tenant: team.tenant.id })).body.token as string;
    for (let i = 0; i < 30; i++) await say(token, `message ${i}`);
    const flooded = await callApi(messageRoute, {
      path: "/api/widget/messages",
      body: { text: "one too many" },
      headers: visitor(token),
    });
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another visitor is not affected.
    const other = (await startSession({ tenant: team.tenant.id })).body.token as string;
    await say(other, "hello");
  });
});

describe("the visitor's conversation", () => {
  let realtime: Awaited<ReturnType<typeof startRealtime>>;
  beforeAll(async () => {
    realtime = await startRealtime(testDatabase());
  });
  afterAll(async () => {
    await realtime.close();
  });

  it("reaches only the visitor's own conversation, over HTTP and the socket", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const a = (await startSession({ tenant: team.tenant.id })).body.token as string;
    const b = (await startSession({ tenant: team.tenant.id })).body.token as string;
    const aSent = await say(a, "from A");
    const bSent = await say(b, "from B");
    expect(aSent.conversationId).not.toBe(bSent.conversationId);
    const aState = await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(a) });
    expect(aState.body.messages.map((m: { body: string }) => m.body)).toEqual(["from A"]);
    expect(aState.body.conversation.id).toBe(aSent.conversationId);

    // No token, a forged one, or one for a visitor id made up by hand: nothing.
    expect((await callApi(stateRoute, { path: "/api/widget/messages" })).status).toBe(401);
    expect((await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(`${a}x`) })).status).toBe(401);
    const bSession = verifyWidgetSession(b, TEST_AUTH_SECRET)!;
    const forged = signWidgetSession(bSession, "some-other-secret-0123456789abcdef0123");
    expect((await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(forged) })).status).toBe(401);
    // The cookie alone does not authorize a call (a cross-site form could send it).
    expect(
      (
        await callApi(messageRoute, {
          path: "/api/widget/messages",
          body: { text: "csrf" },
          headers: { cookie: `bouncer_widget_${team.tenant.id}=${a}` },
        })
      ).status,
    ).toBe(401);

    const { socket, events } = await connectVisitor(realtime.url, a);
    const joinOther = await new Promise<{ ok: boolean }>((resolve) =>
      socket.emit("widget.join", bSent.conversationId, resolve),
    );
    expect(joinOther).toEqual({ ok: false });
    const joinOwn = await new Promise<{ ok: boolean }>((resolve) =>
      socket.emit("widget.join", aSent.conversationId, resolve),
    );
    expect(joinOwn).toEqual({ ok: true });
    await sendReply({
      db,
      actor: team.agent.actor,
      conversationId: bSent.conversationId,
      input: { body: "to B only" },
    });
    await sendReply({ db, actor: team.agent.actor, conversationId: aSent.conversationId, input: { body: "to A" } });
    await waitFor(events, "widget.message", (m) => m.body === "to A");
    expect(events.some((e) => e.payload?.body === "to B only")).toBe(false);
    socket.disconnect();

    await expect(connectVisitor(realtime.url, "forged.token")).rejects.toThrow("unauthenticated");
  });

  it("shows agents' replies and the chat's state live: queued, picked by an agent, ended", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const token = (await startSession({ tenant: team.tenant.id })).body.token as string;
    // "Talk to an agent" before writing anything: nothing to queue yet.
    expect(
      (await callApi(connectRoute, { path: "/api/widget/connect", body: {}, headers: visitor(token) })).status,
    ).toBe(409);
    const { conversationId } = await say(token, "I need a human");
    const { socket, events } = await connectVisitor(realtime.url, token);
    expect(events.find((e) => e.name === "widget.ready")!.payload).toEqual({ conversationId });

    const queued = await callApi(connectRoute, { path: "/api/widget/connect", body: {}, headers: visitor(token) });
    expect(queued.body).toEqual({ connected: true, state: "Queued", position: 1 });
    await waitFor(events, "widget.status", (e) => e.status === "waiting");
    expect(
      (await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(token) })).body.conversation,
    ).toMatchObject({ status: "waiting", queuePosition: 1 });

    await assignConversation({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await waitFor(events, "widget.status", (e) => e.status === "open" && e.agentName === "Ann Agent");
    await sendReply({ db, actor: team.agent.actor, conversationId, input: { body: "Hi, I'm Ann" } });
    const reply = await waitFor(events, "widget.message", (m) => m.body === "Hi, I'm Ann");
    expect(reply).toMatchObject({ direction: "out", authorName: "Ann Agent", conversationId });
    expect(Object.keys(reply).sort()).toEqual(["authorName", "body", "conversationId", "createdAt", "direction", "id"]);

    // The agent ends the chat with a block; the visitor's next request is refused, without the reason.
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { BlockReason: "Rude to staff" },
    });
    const refused = await callApi(connectRoute, { path: "/api/widget/connect", body: {}, headers: visitor(token) });
    expect(refused.body).toMatchObject({ connected: false, state: "IsBlockedForLiveChat" });
    expect(JSON.stringify(refused.body)).not.toContain("Rude");
    // Their messages are still stored, in the same conversation.
    const later = await say(token, "hello again");
    expect(later.conversationId).toBe(conversationId);
    const { events: timeline } = await getConversation({ db, actor: team.admin.actor, conversationId, input: {} });
    const refusal = timeline.find((e) => e.type === "live_chat_refused")!;
    expect(refusal.data).toMatchObject({ via: "widget", state: "IsBlockedForLiveChat" });
    expect(describeEvent(refusal)).toMatch(/^Asked for an agent · refused: the user is blocked from live chat until /);
    socket.disconnect();
  });

  it("a visitor blocked while queued is told live chat is off until the block ends; chat leaves queue", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const token = (await startSession({ tenant: team.tenant.id })).body.token as string;
    const { conversationId } = await say(token, "hello? anyone?");
    const { socket, events } = await connectVisitor(realtime.url, token);
    expect(
      (await callApi(connectRoute, { path: "/api/widget/connect", body: {}, headers: visitor(token) })).body,
    ).toMatchObject({ state: "Queued" });
    expect(
      (await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(token) })).body.liveChat,
    ).toEqual({ blockedUntil: null });

    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "Spamming the queue" },
    });
    // The widget hears of it at once, and its state says until when — never why.
    await waitFor(events, "widget.status", (e) => e.conversationId === conversationId && e.status === "resolved");
    const state = (await callApi(stateRoute, { path: "/api/widget/messages", headers: visitor(token) })).body;
    expect(state.liveChat).toEqual({ blockedUntil: block.blockedUntil });
    expect(state.conversation).toMatchObject({ status: "resolved", queuePosition: null });
    expect(JSON.stringify(state)).not.toContain("Spamming");

    // Out of the queue as a blocked chat (ended, with the block on its timeline), not open and unassigned.
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: "resolved", bucket: "resolved", assigneeId: null });
    const { events: timeline } = await getConversation({ db, actor: team.admin.actor, conversationId, input: {} });
    expect(timeline.map(describeEvent).at(-1)).toMatch(
      /^Blocked from live chat until .+ by Ann Agent: “Spamming the queue” · removed from the queue$/,
    );
    socket.disconnect();
  });

  it("a blocked visitor asking again and again is one timeline line counting attempts (audit: each)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const token = (await startSession({ tenant: team.tenant.id })).body.token as string;
    const { conversationId } = await say(token, "let me in");
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "Insults" },
    });
    const ask = () => callApi(connectRoute, { path: "/api/widget/connect", body: {}, headers: visitor(token) });
    const refusals = async () =>
      (await getConversation({ db, actor: team.admin.actor, conversationId, input: {} })).events.filter(
        (e) => e.type === "live_chat_refused",
      );
    for (let i = 0; i < 6; i++) expect((await ask()).body).toMatchObject({ state: "IsBlockedForLiveChat" });
    const [line, ...more] = await refusals();
    expect(more).toEqual([]);
    expect(line!.data).toMatchObject({ state: "IsBlockedForLiveChat", via: "widget", attempts: 6 });
    expect(describeEvent(line!)).toMatch(
      /^Asked for an agent · refused: the user is blocked from live chat until .+ · 6 attempts, the last at .+$/,
    );
    expect(
      await db.auditLog.count({
        where: { tenantId: team.tenant.id, action: "live_chat.connect_refused", targetId: conversationId },
      }),
    ).toBe(6);

    // A message in between starts a new line (the timeline stays in time order); so does another way of asking.
    await say(token, "hello??");
    await ask();
    await ask();
    const api = await callApi(apiConnectRoute, { key: team.service.key, body: { conversationId } });
    expect(api.body).toMatchObject({ state: "IsBlockedForLiveChat" });
    await callApi(apiConnectRoute, { key: team.service.key, body: { conversationId } });
    expect((await refusals()).map((e) => [e.data.via, e.data.attempts])).toEqual([
      ["widget", 6],
      ["widget", 2],
      ["api", 2],
    ]);
  });
});
