// What one client may hold open and ask of an instance's sockets (lib/realtime/socket-limits.ts): open
// connections per address and widget sockets per visitor, an event budget per socket, the size of what a client
// sends, and widget handshakes counted against the address's widget request limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { connectAgent, connectVisitor, sessionCookie, startRealtime, type VisitorSocket } from "../helpers/realtime";
import { createTeam } from "../factories";
import { clientAddressResolver, parseTrustedProxies, addressLimitSubject } from "@/lib/http/client-address";
import { SOCKET_LIMITS, type SocketLimits } from "@/lib/realtime/socket-limits";
import { WIDGET_LIMITS } from "@/lib/widget/widget-limits";
import { peekRateLimit } from "@/lib/rate-limit/rate-limiter";
import { POST as sessionRoute } from "@/app/api/widget/session/route";
import { POST as messageRoute } from "@/app/api/widget/messages/route";
import { newAddress } from "../helpers/addresses";

const LIMITS: SocketLimits = {
  socketsPerAddress: 4,
  socketsPerAgent: 3,
  widgetSocketsPerVisitor: 2,
  // A budget that does not refill within a test.
  events: { burst: 5, perSecond: 0.001 },
  widgetJoins: SOCKET_LIMITS.widgetJoins,
  maxMessageBytes: SOCKET_LIMITS.maxMessageBytes,
};

let realtime: Awaited<ReturnType<typeof startRealtime>>;
beforeAll(async () => {
  // Behind a (loopback) proxy, so that each test speaks for addresses of its own.
  realtime = await startRealtime(testDatabase(), {
    resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")),
    socketLimits: LIMITS,
  });
});
afterAll(() => realtime.close());

const from = (address: string) => ({ "x-forwarded-for": address });

async function visitorToken(tenantId: string): Promise<string> {
  const res = await callApi(sessionRoute, { path: "/api/widget/session", body: { tenant: tenantId } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

/** A bare Engine.IO handshake (long-polling), as a script opens a connection without joining any namespace. */
async function engineHandshake(address: string, cookie?: string): Promise<{ status: number; message?: string }> {
  const headers = { ...from(address), ...(cookie ? { cookie } : {}) };
  const res = await fetch(`${realtime.url}/socket.io/?EIO=4&transport=polling`, { headers });
  const body = await res.text();
  return res.status === 200 ? { status: 200 } : { status: res.status, message: JSON.parse(body).message };
}

/** `connect` once the server has seen a socket close (it frees the slot then): tried until it succeeds, ≤ 5 s. */
async function onceFreed<T>(connect: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Widget visitors, each with a session of their own, from `address` until its cap is reached. */
async function fillAddress(tenantId: string, address: string): Promise<VisitorSocket[]> {
  const sockets: VisitorSocket[] = [];
  for (let i = 0; i < LIMITS.socketsPerAddress; i++)
    sockets.push((await connectVisitor(realtime.url, await visitorToken(tenantId), from(address))).socket);
  return sockets;
}

const join = (socket: VisitorSocket, conversationId: string) =>
  new Promise<{ ok: boolean }>((resolve) => socket.emit("widget.join", conversationId, resolve));

describe("open sockets", () => {
  it("a widget visitor holds at most its cap; one closed frees a slot", async () => {
    const team = await createTeam(testDatabase().prisma);
    const token = await visitorToken(team.tenant.id);
    const address = from(newAddress());
    const tabs = [];
    for (let i = 0; i < LIMITS.widgetSocketsPerVisitor; i++)
      tabs.push(await connectVisitor(realtime.url, token, address));
    await expect(connectVisitor(realtime.url, token, address)).rejects.toThrow("too_many_sockets");
    // Another visitor from the same address still connects.
    const other = await connectVisitor(realtime.url, await visitorToken(team.tenant.id), address);
    tabs[0]!.socket.disconnect();
    const again = await onceFreed(() => connectVisitor(realtime.url, token, address));
    for (const { socket } of [...tabs.slice(1), other, again]) socket.disconnect();
  });

  it("an address holds at most its cap of connections; another address is free", async () => {
    const team = await createTeam(testDatabase().prisma);
    const address = newAddress();
    const visitors = await fillAddress(team.tenant.id, address);
    expect(await engineHandshake(address)).toEqual({ status: 403, message: "too_many_sockets" });
    await expect(connectVisitor(realtime.url, await visitorToken(team.tenant.id), from(address))).rejects.toThrow();
    // The same /64 is the same subscriber; a forged session cookie is no way around the cap.
    expect(await engineHandshake(address.replace(/::[0-9a-f]+$/, "::beef"))).toMatchObject({ status: 403 });
    expect(await engineHandshake(address, "next-auth.session-token=forged")).toMatchObject({ status: 403 });
    const elsewhere = await connectVisitor(realtime.url, await visitorToken(team.tenant.id), from(newAddress()));
    // A refused handshake holds nothing: once one socket closes, exactly one more fits.
    visitors[0]!.disconnect();
    visitors[0] = (
      await onceFreed(async () => connectVisitor(realtime.url, await visitorToken(team.tenant.id), from(address)))
    ).socket;
    expect(await engineHandshake(address)).toMatchObject({ status: 403 });
    for (const socket of [...visitors, elsewhere.socket]) socket.disconnect();
  });

  it("an agent's connections count against the agent's own cap, not an address others fill", async () => {
    const team = await createTeam(testDatabase().prisma);
    const office = newAddress();
    const crowd = await fillAddress(team.tenant.id, office);
    expect(await engineHandshake(office)).toMatchObject({ status: 403 });
    // The office's address is full, and the agent still connects from it — up to the agent's cap.
    const cookie = await sessionCookie(team.agent.actor);
    const tabs = [];
    for (let i = 0; i < LIMITS.socketsPerAgent; i++)
      tabs.push(await connectAgent(realtime.url, team.agent.actor, cookie, from(office)));
    await expect(connectAgent(realtime.url, team.agent.actor, cookie, from(newAddress()))).rejects.toThrow();
    // Another agent of the team is not affected.
    const colleague = await connectAgent(realtime.url, team.supervisor.actor, undefined, from(office));
    for (const socket of [...crowd, ...tabs, colleague]) socket.disconnect();
  });

  it("connections that never join a namespace (no credentials asked yet) count too", async () => {
    const address = newAddress();
    for (let i = 0; i < LIMITS.socketsPerAddress; i++)
      expect(await engineHandshake(address)).toMatchObject({ status: 200 });
    expect(await engineHandshake(address)).toEqual({ status: 403, message: "too_many_sockets" });
  });

  it("a widget handshake counts against the address's widget request limit", async () => {
    const team = await createTeam(testDatabase().prisma);
    const address = newAddress();
    const subject = addressLimitSubject(address);
    const token = await visitorToken(team.tenant.id);
    const before = await peekRateLimit(WIDGET_LIMITS.perAddress, subject);
    const { socket } = await connectVisitor(realtime.url, token, from(address));
    expect(await peekRateLimit(WIDGET_LIMITS.perAddress, subject)).toBe(before + 1);
    socket.disconnect();
  });
});

describe("what a socket's client sends", () => {
  it("events past the socket's budget are refused, answered { ok: false }; another socket has its own", async () => {
    const team = await createTeam(testDatabase().prisma);
    const token = await visitorToken(team.tenant.id);
    const sent = await callApi(messageRoute, {
      path: "/api/widget/messages",
      body: { text: "hello" },
      headers: { "x-widget-session": token },
    });
    expect(sent.status).toBe(201);
    const conversationId = sent.body.conversationId as string;
    const { socket } = await connectVisitor(realtime.url, token, from(newAddress()));
    const answers = [];
    for (let i = 0; i < LIMITS.events.burst + 3; i++) answers.push((await join(socket, conversationId)).ok);
    expect(answers).toEqual([...Array(LIMITS.events.burst).fill(true), false, false, false]);
    // Its own budget: another socket of the same visitor joins.
    const { socket: second } = await connectVisitor(realtime.url, token, from(newAddress()));
    expect(await join(second, conversationId)).toEqual({ ok: true });
    socket.disconnect();
    second.disconnect();
  });

  it("a message over the size cap closes the socket", async () => {
    const team = await createTeam(testDatabase().prisma);
    const { socket } = await connectVisitor(realtime.url, await visitorToken(team.tenant.id), from(newAddress()));
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    socket.emit("widget.join", "x".repeat(LIMITS.maxMessageBytes + 1), () => {});
    expect(await closed).toBe("transport close");
  });
});
