// Socket.io on the app's HTTP server: agents authenticate with their next-auth session cookie on the
// handshake (no cookie or a bad one: refused), then join their tenant, agent and visibility rooms.
// With REDIS_URL, the Redis adapter shares events between instances. What one client may hold open and
// send is capped before any credential or database work (./socket-limits.ts).
import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import type { DatabaseHandle } from "@/lib/db";
import { loadSessionActor } from "@/lib/auth/agents";
import type { AgentActor } from "@/lib/auth/actor";
import { agentFromCookieHeader, sessionAgentIdOf } from "@/lib/auth/session-cookie";
import { can, seesAllChats } from "@/lib/policy";
import { rooms } from "./rooms";
import { setRealtimeServer, WIDGET_NAMESPACE, widgetRoom, type RealtimeServer, type WidgetNamespace } from "./publish";
import { verifyWidgetSession, type WidgetSession } from "@/lib/widget/widget-token";
import { currentVisitorConversationId, visitorMayFollow } from "@/lib/widget/visitor-chat";
import { env } from "@/lib/env";
import { addressLimitSubject, clientAddressResolver, type ClientAddressResolver } from "@/lib/http/client-address";
import {
  assertUnderRateLimit,
  countRateLimitedFailure,
  enforceRateLimit,
  type RateLimitRule,
} from "@/lib/rate-limit/rate-limiter";
import { RateLimited } from "@/lib/errors";
import { WIDGET_LIMITS } from "@/lib/widget/widget-limits";
import { eventBudget, OpenSocketCounts, SOCKET_LIMITS, type SocketLimits } from "./socket-limits";
import { takeWidgetJoinTurn } from "./widget-join";
import { isOwnOrigin } from "@/lib/http/origin";
import { originAllowedToEmbed, widgetEmbeddingOrigins } from "@/lib/live-chat/widget-origins";

export interface RealtimeOptions {
  database: DatabaseHandle;
  secret: string;
  redisUrl?: string;
  /** The client's address from a handshake request (server.ts passes the one built from TRUSTED_PROXIES). */
  resolveClientAddress?: ClientAddressResolver;
  /** NEXTAUTH_URL: the app's own origin, besides the Host a handshake was sent to. */
  publicUrl?: string;
  /** What one client may hold open and send (./socket-limits.ts); tests set smaller ones. */
  socketLimits?: SocketLimits;
}

/**
 * Refused handshakes (no, forged, expired or revoked credentials) per client address: a browser
 * whose session ended stops after one (it goes to the sign-in page), a script guessing does not.
 */
export const FAILED_HANDSHAKES_PER_ADDRESS: RateLimitRule = {
  name: "socket:handshake-failures",
  limit: 300,
  windowSeconds: 60,
};

/** Runs a handshake's credential check, refusing addresses with too many refused handshakes first. */
async function throttledHandshake(address: string, authenticate: () => Promise<boolean>): Promise<Error | null> {
  const subject = addressLimitSubject(address);
  try {
    await assertUnderRateLimit(FAILED_HANDSHAKES_PER_ADDRESS, subject);
  } catch (error) {
    if (error instanceof RateLimited) return new Error("rate_limited");
    throw error;
  }
  if (await authenticate()) return null;
  await countRateLimitedFailure(FAILED_HANDSHAKES_PER_ADDRESS, subject);
  return new Error("unauthenticated");
}

export interface RealtimeHandle {
  io: RealtimeServer;
  close(): Promise<void>;
}

export async function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<RealtimeHandle> {
  const resolveAddress =
    options.resolveClientAddress ?? clientAddressResolver(env().TRUSTED_PROXIES, env().TRUSTED_PROXY_HEADER);
  const sockets: OpenSockets = { limits: options.socketLimits ?? SOCKET_LIMITS, open: new OpenSocketCounts() };
  // Which cap a new connection counts against: its agent's when it carries a valid session token (a support
  // team behind one office address must not share a cap with the internet), else its address's.
  const capFor = async (req: IncomingMessage): Promise<[key: string, limit: number]> => {
    const agentId = req.headers.cookie ? await sessionAgentIdOf(req.headers.cookie, options.secret) : null;
    return agentId
      ? [`agent:${agentId}`, sockets.limits.socketsPerAgent]
      : [`address:${addressLimitSubject(resolveAddress(req))}`, sockets.limits.socketsPerAddress];
  };
  const capOf = new WeakMap<IncomingMessage, string>();
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // Leave upgrades that are not ours (Next's dev reload socket) alone instead of closing them.
    destroyUpgrade: false,
    // Resync is the client's job (it refetches on every connect), so no in-memory recovery state.
    connectionStateRecovery: undefined,
    maxHttpBufferSize: sockets.limits.maxMessageBytes,
    // A connection that has joined no namespace (no credentials checked yet) is closed after 10 s, not 45.
    connectTimeout: 10_000,
    // An address (or an agent) at its cap of open connections is refused before a connection exists.
    allowRequest: (req, callback) => {
      capFor(req).then(
        ([key, limit]) => {
          if (sockets.open.count(key) >= limit) return callback("too_many_sockets", false);
          capOf.set(req, key);
          callback(null, true);
        },
        () => callback("unavailable", false),
      );
    },
  });
  // Counted once the connection exists (only microtasks run between allowRequest's answer and this, so
  // no other handshake is decided in between; a handshake that fails after it never holds a count),
  // until it closes.
  io.engine.on("connection", (connection: { request: IncomingMessage; once(event: "close", f: () => void): void }) => {
    const key = capOf.get(connection.request);
    if (key === undefined) return;
    sockets.open.tryOpen(key, Number.POSITIVE_INFINITY);
    connection.once("close", () => sockets.open.close(key));
  });
  const closers: Array<() => Promise<unknown>> = [];

  if (options.redisUrl) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-adapter");
    // Back within about a second of Redis (node-redis's default backs off to 2 s between attempts).
    const reconnectStrategy = (retries: number) =>
      Math.min(100 * (retries + 1), 1_000) + Math.floor(Math.random() * 100);
    const pub = createClient({ url: options.redisUrl, socket: { reconnectStrategy } });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on("error", (error) => console.error("[realtime] redis:", error.message));
    await Promise.all([pub.connect(), sub.connect()]);
    retryFailedSubscriptions(sub);
    absorbFailedPublishes(pub);
    io.adapter(createAdapter(pub, sub));
    resyncAfterSubscriberOutage(io, sub);
    closers.push(() => Promise.all([closeRedisClient(pub), closeRedisClient(sub)]));
  }

  // Browsers send the agent's cookie on a WebSocket handshake from any site, and a WebSocket has no
  // CORS: a page of another origin must not read live customer messages with it. Only our own pages.
  io.use((socket, next) =>
    isOwnOrigin(socket.handshake.headers, options.publicUrl) ? next() : next(new Error("forbidden_origin")),
  );

  io.use(async (socket, next) => {
    try {
      socket.data.clientAddress = resolveAddress(socket.request);
      const refused = await throttledHandshake(socket.data.clientAddress, async () => {
        const agent = await agentFromCookieHeader(
          socket.handshake.headers.cookie,
          options.database.prisma,
          options.secret,
        );
        socket.data.agent = agent;
        return agent !== null;
      });
      next(refused ?? undefined);
    } catch (error) {
      console.error("[realtime] handshake failed:", error);
      next(new Error("unavailable"));
    }
  });

  io.on("connection", async (socket) => {
    const agent = socket.data.agent as AgentActor;
    limitEvents(socket, sockets.limits);
    await socket.join([
      rooms.tenant(agent.tenantId),
      rooms.agent(agent.agentId),
      ...(agent.sessionId ? [rooms.session(agent.sessionId)] : []),
      seesAllChats(agent) ? rooms.tenantAllChats(agent.tenantId) : rooms.tenantQueue(agent.tenantId),
      // What users post and who posts it: only for those who may see the Spam Manager (a role change drops
      // the socket, which joins again by its new role).
      ...(can(agent, "spamManager.moderate", { tenantId: agent.tenantId })
        ? [rooms.tenantSpamManager(agent.tenantId)]
        : []),
      ...(can(agent, "bans.manage", { tenantId: agent.tenantId }) ? [rooms.tenantBans(agent.tenantId)] : []),
      ...(can(agent, "campaigns.manage", { tenantId: agent.tenantId }) ? [rooms.tenantCampaigns(agent.tenantId)] : []),
    ]);

    socket.on("conversation.join", async (conversationId, ack) => {
      if (typeof conversationId !== "string" || typeof ack !== "function") return;
      // The socket's tenant in the look-up itself, not only in the policy check: another tenant's id finds nothing.
      const conversation = await options.database.prisma.conversation
        .findFirst({
          where: { id: conversationId, tenantId: agent.tenantId },
          select: { tenantId: true, assigneeId: true, bucket: true, spamMarkedById: true },
        })
        .catch(() => null);
      const current = await loadSessionActor(options.database.prisma, agent);
      if (!conversation || !current || !can(current, "conversation.view", conversation)) return ack({ ok: false });
      await socket.join(rooms.conversation(conversationId));
      ack({ ok: true });
    });
    socket.on("conversation.leave", (conversationId) => {
      if (typeof conversationId === "string") void socket.leave(rooms.conversation(conversationId));
    });

    socket.emit("session.ready", { agentId: agent.agentId, tenantId: agent.tenantId });
  });

  attachWidgetNamespace(io, options, resolveAddress, sockets);
  setRealtimeServer(io);
  return {
    io,
    close: async () => {
      setRealtimeServer(undefined);
      await io.close();
      for (const close of closers) await close();
    },
  };
}

/**
 * Closes a Redis client, letting pending commands finish for up to two seconds. A client that is
 * reconnecting to a Redis that is down would otherwise hold the instance's shutdown forever.
 */
async function closeRedisClient(client: { close(): Promise<void>; destroy(): void; isOpen: boolean }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000)));
  await Promise.race([client.close().catch(() => undefined), gaveUp]);
  clearTimeout(timer);
  if (client.isOpen) client.destroy();
}

type Subscriber = {
  on(event: "end" | "reconnecting" | "ready", listener: () => void): unknown;
  once(event: "ready", listener: () => void): unknown;
};

/**
 * @socket.io/redis-adapter subscribes from its constructor without waiting for the answer. If Redis
 * drops before answering, node-redis rejects that SUBSCRIBE and does not remember it, so it is not
 * made again on reconnect and the instance hears no other instance for good (the scale test's
 * "instance restarted, then Redis restarted" phase showed it). A failed subscription is made again
 * once the subscriber is ready.
 */
function retryFailedSubscriptions(sub: Subscriber): void {
  const client = sub as unknown as Record<"subscribe" | "pSubscribe", (...args: unknown[]) => Promise<unknown>>;
  for (const method of ["subscribe", "pSubscribe"] as const) {
    const original = client[method].bind(sub);
    client[method] = (...args: unknown[]) => {
      const attempt = (): Promise<unknown> =>
        original(...args).catch((error: unknown) => {
          console.error(
            `[realtime] redis ${method} failed (${error instanceof Error ? error.message : error}); ` +
              "retrying when Redis is back",
          );
          return new Promise((resolve) => sub.once("ready", () => resolve(attempt())));
        });
      return attempt();
    };
  }
}

/**
 * The adapter publishes without awaiting, and node-redis fails a command that waited 5 s for a Redis
 * that is down: unhandled, that rejection would end the process. A publish that fails is logged (at
 * most once per outage) and dropped: pub/sub keeps nothing anyway, and every instance's sockets are
 * told to resync when their subscriber is back (resyncAfterSubscriberOutage).
 */
function absorbFailedPublishes(pub: Subscriber): void {
  const client = pub as unknown as Record<"publish", (...args: unknown[]) => Promise<unknown>>;
  const original = client.publish.bind(pub);
  let logged = false;
  pub.on("ready", () => (logged = false));
  client.publish = (...args: unknown[]) =>
    original(...args).catch((error: unknown) => {
      if (!logged)
        console.error(
          `[realtime] redis publish failed (${error instanceof Error ? error.message || error.name : error}); ` +
            "events are dropped until Redis is back",
        );
      logged = true;
      return 0;
    });
}

/**
 * Redis pub/sub keeps nothing: what other instances published while this instance's subscriber was
 * disconnected is lost for its sockets, which stayed connected and so never resynced. When the
 * subscriber is back (node-redis emits "ready" only once it has resubscribed), every socket of this
 * instance is told to resync, as on a reconnect.
 */
function resyncAfterSubscriberOutage(io: RealtimeServer, sub: Subscriber): void {
  let lost = false;
  sub.on("reconnecting", () => (lost = true));
  sub.on("end", () => (lost = true));
  sub.on("ready", () => {
    if (!lost) return;
    lost = false;
    let told = 0;
    for (const socket of io.of("/").sockets.values()) {
      const agent = socket.data.agent as AgentActor | undefined;
      if (!agent) continue;
      socket.emit("session.ready", { agentId: agent.agentId, tenantId: agent.tenantId });
      told++;
    }
    const widget = io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
    for (const socket of widget.sockets.values()) {
      const room = [...socket.rooms].find((r) => r.startsWith(widgetRoom("")));
      socket.emit("widget.ready", { conversationId: room ? room.slice(widgetRoom("").length) : null });
      told++;
    }
    console.log(`[realtime] redis subscriber back: ${told} sockets of this instance resync`);
  });
}

/**
 * The web-chat widget's namespace: visitors authenticate with their signed widget session token (no
 * agent cookie), and may join only their own conversation's room. The agents' namespace middleware
 * above does not apply here, and nothing an agent receives is sent here.
 */
function attachWidgetNamespace(
  io: RealtimeServer,
  options: RealtimeOptions,
  resolveAddress: ClientAddressResolver,
  sockets: OpenSockets,
): void {
  const widget = io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
  const db = options.database.prisma;
  widget.use(async (socket, next) => {
    try {
      socket.data.clientAddress = resolveAddress(socket.request);
      const refused = await throttledHandshake(socket.data.clientAddress, async () => {
        socket.data.visitor = verifyWidgetSession(
          (socket.handshake.auth as { token?: unknown } | undefined)?.token,
          options.secret,
        );
        return socket.data.visitor !== null;
      });
      if (refused) return next(refused);
      // A handshake is a widget request from its address like any other (a refused one counted above).
      try {
        await enforceRateLimit(WIDGET_LIMITS.perAddress, addressLimitSubject(socket.data.clientAddress));
      } catch (error) {
        if (error instanceof RateLimited) return next(new Error("rate_limited"));
        throw error;
      }
      // The widget is for embedding: any origin, unless the tenant lists the sites that may embed it.
      const { headers } = socket.handshake;
      const session = socket.data.visitor as WidgetSession;
      if (headers.origin && !isOwnOrigin(headers, options.publicUrl)) {
        const allowed = await widgetEmbeddingOrigins(db, session.tenantId).catch(() => [] as string[]);
        if (!originAllowedToEmbed(String(headers.origin), allowed)) return next(new Error("forbidden_origin"));
      }
      next(
        holdSocketSlot(
          socket,
          sockets,
          `visitor:${session.tenantId}:${session.visitorId}`,
          sockets.limits.widgetSocketsPerVisitor,
        ) ?? undefined,
      );
    } catch (error) {
      console.error("[realtime] widget handshake failed:", error);
      next(new Error("unavailable"));
    }
  });
  widget.on("connection", async (socket) => {
    const session = socket.data.visitor as WidgetSession;
    limitEvents(socket, sockets.limits);
    const joinSubjects = {
      visitor: `${session.tenantId}:${session.visitorId}`,
      address: addressLimitSubject(socket.data.clientAddress),
    };
    socket.on("widget.join", async (conversationId, ack) => {
      if (typeof conversationId !== "string" || typeof ack !== "function") return;
      // Already in the room (joined on connect, or by an earlier join, both checked then): it hears the room
      // whatever the answer, so there is nothing to ask the database.
      if (socket.rooms.has(widgetRoom(conversationId))) return ack({ ok: true });
      // Refused as the event budget refuses: the visitor can still write, and the room is joined on reconnect.
      if (!(await takeWidgetJoinTurn(sockets.limits.widgetJoins, joinSubjects))) return ack({ ok: false });
      const allowed = await visitorMayFollow(db, session, conversationId).catch(() => false);
      if (!allowed) return ack({ ok: false });
      await socket.join(widgetRoom(conversationId));
      ack({ ok: true });
    });
    const conversationId = await currentVisitorConversationId(db, session).catch(() => null);
    if (conversationId) await socket.join(widgetRoom(conversationId));
    socket.emit("widget.ready", { conversationId });
  });
}

/** This instance's open connections and sockets, counted against its limits. */
interface OpenSockets {
  limits: SocketLimits;
  open: OpenSocketCounts;
}

/** The part of a socket these limits use (both namespaces' sockets have it). */
interface LimitedSocket {
  once(event: "disconnect", listener: () => void): unknown;
  conn: { once(event: "close", listener: () => void): unknown };
  use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): unknown;
}

/**
 * Takes one of `key`'s slots for a socket that passed its handshake, or answers why not. The slot is given
 * back when the socket disconnects, or when its connection closes first (a client gone while the
 * handshake ran never gets a socket, so never a "disconnect").
 */
function holdSocketSlot(socket: LimitedSocket, { open }: OpenSockets, key: string, limit: number): Error | null {
  if (!open.tryOpen(key, limit)) return new Error("too_many_sockets");
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    open.close(key);
  };
  socket.once("disconnect", release);
  socket.conn.once("close", release);
  return null;
}

/** Every event the socket's client sends spends its budget; one over it is dropped ({ ok: false } to an ack). */
function limitEvents(socket: LimitedSocket, limits: SocketLimits): void {
  const mayRun = eventBudget(limits.events);
  socket.use((packet, next) => {
    if (mayRun()) return next();
    const ack = packet.at(-1);
    if (typeof ack === "function") ack({ ok: false });
  });
}
