// A real Socket.io server (the app's attachRealtime) on a random port, and agent clients that
// authenticate with a real next-auth session cookie, as the browser does.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import type { DatabaseHandle } from "@/lib/db";
import type { AgentActor } from "@/lib/auth/actor";
import { attachRealtime } from "@/lib/realtime/io-server";
import type { ClientAddressResolver } from "@/lib/http/client-address";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  WidgetClientToServerEvents,
  WidgetServerToClientEvents,
} from "@/lib/realtime/events";
import type { SocketLimits } from "@/lib/realtime/socket-limits";
import { TEST_AUTH_SECRET } from "./per-file-setup";
import { testDatabase } from "./test-database";
import { startAgentSession } from "@/lib/auth/agent-sessions";
import { setRealtimeServer } from "@/lib/realtime/publish";
import { afterAll, beforeAll } from "vitest";

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type VisitorSocket = Socket<WidgetServerToClientEvents, WidgetClientToServerEvents>;

export async function startRealtime(
  database: DatabaseHandle,
  options: {
    redisUrl?: string;
    resolveClientAddress?: ClientAddressResolver;
    publicUrl?: string;
    socketLimits?: SocketLimits;
  } = {},
) {
  const httpServer = createServer((_req, res) => res.writeHead(404).end());
  const realtime = await attachRealtime(httpServer, { database, secret: TEST_AUTH_SECRET, ...options });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { url, io: realtime.io, close: () => realtime.close() };
}

/**
 * For the tests of a describe block: a realtime server on the test's database, registered as the process's — the
 * one the app's use cases publish to — from its first test to its last.
 */
export function useRealtimeServer(): Pick<RealtimeTestServer, "url" | "io"> {
  let server: RealtimeTestServer | undefined;
  beforeAll(async () => {
    server = await startRealtime(testDatabase());
    setRealtimeServer(server.io);
  });
  afterAll(async () => {
    setRealtimeServer(undefined);
    await server?.close();
  });
  const started = () => {
    if (!server) throw new Error("the realtime server starts in beforeAll");
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get io() {
      return started().io;
    },
  };
}

type RealtimeTestServer = Awaited<ReturnType<typeof startRealtime>>;

/** A session cookie as next-auth writes it at sign-in, for a new session row (or the one given). */
export async function sessionCookie(
  agent: Pick<AgentActor, "agentId" | "tenantId" | "role">,
  sessionId?: string,
): Promise<string> {
  const id = sessionId ?? (await startAgentSession(testDatabase().prisma, agent));
  const token = await encode({
    token: { agentId: agent.agentId, tenantId: agent.tenantId, role: agent.role, sessionId: id, sub: agent.agentId },
    secret: TEST_AUTH_SECRET,
  });
  return `next-auth.session-token=${token}`;
}

/**
 * Connects as `agent` and waits for the server's session.ready (rooms joined). `headers`: e.g. the page's Origin, as a
 * browser sends it.
 */
export async function connectAgent(
  url: string,
  agent: AgentActor,
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<AgentSocket> {
  const socket: AgentSocket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: cookie ?? (await sessionCookie(agent)), ...headers },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("session.ready", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close(); // a refused client must not keep its connection open
      reject(error);
    });
  });
  return socket;
}

/** Connects a widget visitor with their session token and waits for widget.ready; records what it hears. */
export async function connectVisitor(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ socket: VisitorSocket; events: Array<{ name: string; payload: any }> }> {
  const socket: VisitorSocket = connect(`${url}/widget`, {
    auth: { token },
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  const events: Array<{ name: string; payload: any }> = [];
  socket.onAny((name, payload) => events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("widget.ready", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close(); // a refused client must not keep its connection open
      reject(error);
    });
  });
  return { socket, events };
}

/** Collects every event a socket receives, for assertions on what arrived and what did not. */
export function recordEvents(socket: AgentSocket) {
  const events: Array<{ name: string; payload: any }> = [];
  socket.onAny((name, payload) => events.push({ name, payload }));
  return {
    events,
    async waitFor(name: string, predicate: (payload: any) => boolean = () => true, timeoutMs = 3000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = events.find((e) => e.name === name && predicate(e.payload));
        if (found) return found.payload;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(
        `no ${name} event within ${timeoutMs} ms (got: ${events.map((e) => e.name).join(", ") || "nothing"})`,
      );
    },
    named: (name: string) => events.filter((e) => e.name === name).map((e) => e.payload),
  };
}

export type EventRecorder = ReturnType<typeof recordEvents>;

/**
 * Waits until `check` holds of what a socket heard so far, summed by `sum` (coalesced events may each carry several
 * changes): the sum, or an error saying what was heard.
 */
export async function untilHeard<Sum>(
  events: EventRecorder,
  sum: (events: EventRecorder) => Sum,
  check: (heard: Sum) => boolean,
  timeoutMs = 4_000,
): Promise<Sum> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (check(sum(events))) return sum(events);
    await settle(20);
  }
  throw new Error(`not heard within ${timeoutMs} ms: ${JSON.stringify(sum(events))}`);
}

type TestTeam = Record<"supervisor" | "admin" | "agent" | "limited", { actor: AgentActor }>;

/**
 * Who of a team hears a tenant-wide event: sockets of its supervisor, admin, an agent with All access and a limited
 * agent, and of another tenant's admin and supervisor — each recording what it hears.
 */
export async function teamListeners(url: string, team: TestTeam, other: TestTeam) {
  const sockets: AgentSocket[] = [];
  const open = async (actor: AgentActor) => {
    const socket = await connectAgent(url, actor);
    sockets.push(socket);
    return recordEvents(socket);
  };
  return {
    supervisor: await open(team.supervisor.actor),
    admin: await open(team.admin.actor),
    agent: await open(team.agent.actor),
    limited: await open(team.limited.actor),
    otherAdmin: await open(other.admin.actor),
    otherSupervisor: await open(other.supervisor.actor),
    close: () => {
      for (const socket of sockets) socket.disconnect();
    },
  };
}

/** Lets in-flight events arrive before asserting that something did NOT arrive. */
export function settle(ms = 150) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
