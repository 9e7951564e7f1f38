// A visitor's widget.join and the database (lib/realtime/widget-join.ts): the room a socket is already in is
// answered without a query; any other join takes a turn from its visitor's and its address's budgets, shared
// by all their sockets. Queries are counted on the real client (an extension around it), never mocked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { connectVisitor, startRealtime, type VisitorSocket } from "../helpers/realtime";
import { createTeam } from "../factories";
import type { Db } from "@/lib/db";
import { clientAddressResolver, parseTrustedProxies } from "@/lib/http/client-address";
import { SOCKET_LIMITS, type SocketLimits } from "@/lib/realtime/socket-limits";
import { POST as sessionRoute } from "@/app/api/widget/session/route";
import { POST as messageRoute } from "@/app/api/widget/messages/route";
import { newAddress } from "../helpers/addresses";

const LIMITS: SocketLimits = {
  ...SOCKET_LIMITS,
  widgetSocketsPerVisitor: 5,
  // The socket's own event budget out of the way: what refuses here is the join budget.
  events: { burst: 1_000, perSecond: 1_000 },
  // Budgets that do not refill within a test.
  widgetJoins: { perVisitor: { burst: 4, perSecond: 0.001 }, perAddress: { burst: 6, perSecond: 0.001 } },
};

/** The real client, counting every query it sends. */
function countingQueries(db: Db): { db: Db; queries: () => number } {
  let queries = 0;
  const counted = db.$extends({
    query: {
      $allOperations({ args, query }) {
        queries++;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { db: counted, queries: () => queries };
}

let realtime: Awaited<ReturnType<typeof startRealtime>>;
let queries: () => number;
beforeAll(async () => {
  const counting = countingQueries(testDatabase().prisma);
  queries = counting.queries;
  // Behind a (loopback) proxy, so that each test speaks for addresses of its own.
  realtime = await startRealtime(
    { ...testDatabase(), prisma: counting.db },
    { resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")), socketLimits: LIMITS },
  );
});
afterAll(() => realtime.close());

const from = (address: string) => ({ "x-forwarded-for": address });

async function visitorToken(tenantId: string): Promise<string> {
  const res = await callApi(sessionRoute, { path: "/api/widget/session", body: { tenant: tenantId } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

/** The visitor's first message, which starts their conversation. */
async function startChat(token: string): Promise<string> {
  const sent = await callApi(messageRoute, {
    path: "/api/widget/messages",
    body: { text: "hello" },
    headers: { "x-widget-session": token },
  });
  expect(sent.status).toBe(201);
  return sent.body.conversationId as string;
}

const join = (socket: VisitorSocket, conversationId: string) =>
  new Promise<{ ok: boolean }>((resolve) => socket.emit("widget.join", conversationId, resolve));

/** The queries `run` sends through the realtime server, and what it answers. */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = queries();
  const result = await run();
  return { result, queries: queries() - before };
}

/** Sockets of one visitor from one address that hold no room yet (connected before their chat began). */
async function tabs(token: string, address: string, count: number): Promise<VisitorSocket[]> {
  const sockets = [];
  for (let i = 0; i < count; i++) sockets.push((await connectVisitor(realtime.url, token, from(address))).socket);
  return sockets;
}

/** What one join that asks the database costs: a new visitor joining their own new chat. */
async function queriesOfOneJoin(tenantId: string): Promise<number> {
  const token = await visitorToken(tenantId);
  const [socket] = await tabs(token, newAddress(), 1);
  const conversationId = await startChat(token);
  const { result, queries } = await counted(() => join(socket!, conversationId));
  expect(result).toEqual({ ok: true });
  socket!.disconnect();
  return queries;
}

describe("widget joins that ask the database", () => {
  it("a visitor flooding from many sockets is refused past its budget; others still join at once", async () => {
    const team = await createTeam(testDatabase().prisma);
    const perJoin = await queriesOfOneJoin(team.tenant.id);
    expect(perJoin).toBeGreaterThan(0);
    const someoneElses = await startChat(await visitorToken(team.tenant.id));

    const address = newAddress();
    const flooder = await visitorToken(team.tenant.id);
    const sockets = await tabs(flooder, address, LIMITS.widgetSocketsPerVisitor);
    const own = await startChat(flooder);
    const flood = await counted(() =>
      Promise.all(sockets.flatMap((socket) => Array.from({ length: 10 }, () => join(socket, someoneElses)))),
    );
    expect(flood.result.every((answer) => !answer.ok)).toBe(true);
    // 50 joins over 5 sockets: only the visitor's budget of them reached the database.
    expect(flood.queries).toBe(LIMITS.widgetJoins.perVisitor.burst * perJoin);
    // Its own chat too, now: refused without a query (the budget is the visitor's, not the socket's).
    expect(await counted(() => join(sockets[0]!, own))).toEqual({ result: { ok: false }, queries: 0 });

    // Another visitor at another address joins at once, and so does a neighbour at the flooder's address.
    for (const at of [newAddress(), address]) {
      const token = await visitorToken(team.tenant.id);
      const [socket] = await tabs(token, at, 1);
      expect(await join(socket!, await startChat(token))).toEqual({ ok: true });
      socket!.disconnect();
    }
    for (const socket of sockets) socket.disconnect();
  });

  it("an address's visitors share its budget; another address has its own", async () => {
    const team = await createTeam(testDatabase().prisma);
    const perJoin = await queriesOfOneJoin(team.tenant.id);
    const someoneElses = await startChat(await visitorToken(team.tenant.id));
    const address = newAddress();
    const sockets: VisitorSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await visitorToken(team.tenant.id);
      await startChat(token); // a visitor with a chat costs a join its full price (no contact: one query less)
      sockets.push(...(await tabs(token, address, 1)));
    }
    const flood = await counted(() =>
      Promise.all(sockets.flatMap((socket) => Array.from({ length: 3 }, () => join(socket, someoneElses)))),
    );
    expect(flood.result.every((answer) => !answer.ok)).toBe(true);
    expect(flood.queries).toBe(LIMITS.widgetJoins.perAddress.burst * perJoin);

    const latecomer = await visitorToken(team.tenant.id);
    const [here] = await tabs(latecomer, address, 1);
    const [elsewhere] = await tabs(latecomer, newAddress(), 1);
    const chat = await startChat(latecomer);
    expect(await counted(() => join(here!, chat))).toEqual({ result: { ok: false }, queries: 0 });
    // Refused for its address, the visitor kept its own turn: from another address it joins.
    expect(await join(elsewhere!, chat)).toEqual({ ok: true });
    for (const socket of [...sockets, here!, elsewhere!]) socket.disconnect();
  });
});

describe("a join of the room the socket holds", () => {
  it("is answered without a query, and spends no budget", async () => {
    const team = await createTeam(testDatabase().prisma);
    const token = await visitorToken(team.tenant.id);
    const [early] = await tabs(token, newAddress(), 1);
    const conversationId = await startChat(token);
    // Connected after the chat began: joined to its room on connect.
    const { socket: late, events } = await connectVisitor(realtime.url, token, from(newAddress()));
    expect(events.find((e) => e.name === "widget.ready")?.payload).toEqual({ conversationId });

    const first = await counted(() => join(early!, conversationId));
    expect(first.result).toEqual({ ok: true });
    expect(first.queries).toBeGreaterThan(0);
    // Five times the visitor's budget, on both sockets: every one answered yes, none read anything.
    const again = await counted(() =>
      Promise.all(
        [early!, late].flatMap((socket) =>
          Array.from({ length: 5 * LIMITS.widgetJoins.perVisitor.burst }, () => join(socket, conversationId)),
        ),
      ),
    );
    expect(again.queries).toBe(0);
    expect(again.result.every((answer) => answer.ok)).toBe(true);
    early!.disconnect();
    late.disconnect();
  });
});
