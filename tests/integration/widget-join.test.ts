// A visitor's widget.join and the database: the room a socket is already in is answered without a query.
// Queries are counted on the real client (an extension around it), never mocked.
import { randomBytes } from "node:crypto";
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

const LIMITS: SocketLimits = {
  ...SOCKET_LIMITS,
  widgetSocketsPerVisitor: 5,
  // The socket's own event budget out of the way.
  events: { burst: 1_000, perSecond: 1_000 },
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

/** An IPv6 address in a /64 of its own (per-address limits count a /64). */
const newAddress = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;
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

describe("a join of the room the socket holds", () => {
  it("is answered without a query", async () => {
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
    // Again and again, on both sockets: every one answered yes, none read anything.
    const again = await counted(() =>
      Promise.all([early!, late].flatMap((socket) => Array.from({ length: 20 }, () => join(socket, conversationId)))),
    );
    expect(again.queries).toBe(0);
    expect(again.result.every((answer) => answer.ok)).toBe(true);
    early!.disconnect();
    late.disconnect();
  });
});
