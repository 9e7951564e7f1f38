// Socket.io on the app's HTTP server: agents authenticate with their next-auth session cookie on the
// handshake (no cookie or a bad one: refused), then join their tenant, agent and visibility rooms.
// With REDIS_URL, the Redis adapter shares events between instances.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { DatabaseHandle } from "@/lib/db";
import { loadAgentActor } from "@/lib/auth/agents";
import type { AgentActor } from "@/lib/auth/actor";
import { agentFromCookieHeader } from "@/lib/auth/session-cookie";
import { can, seesAllChats } from "@/lib/policy";
import { rooms } from "./rooms";
import { setRealtimeServer, WIDGET_NAMESPACE, widgetRoom, type RealtimeServer, type WidgetNamespace } from "./publish";
import { verifyWidgetSession, type WidgetSession } from "@/lib/widget/widget-token";
import { currentVisitorConversationId, visitorMayFollow } from "@/lib/widget/visitor-chat";

export interface RealtimeOptions {
  database: DatabaseHandle;
  secret: string;
  redisUrl?: string;
}

export interface RealtimeHandle {
  io: RealtimeServer;
  close(): Promise<void>;
}

export async function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<RealtimeHandle> {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // Leave upgrades that are not ours (Next's dev reload socket) alone instead of closing them.
    destroyUpgrade: false,
    // Resync is the client's job (it refetches on every connect), so no in-memory recovery state.
    connectionStateRecovery: undefined,
  });
  const closers: Array<() => Promise<unknown>> = [];

  if (options.redisUrl) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-adapter");
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on("error", (error) => console.error("[realtime] redis:", error.message));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closers.push(() => Promise.allSettled([pub.quit(), sub.quit()]));
  }

  io.use(async (socket, next) => {
    try {
      const agent = await agentFromCookieHeader(socket.handshake.headers.cookie, options.database.prisma, options.secret);
      if (!agent) return next(new Error("unauthenticated"));
      socket.data.agent = agent;
      next();
    } catch (error) {
      console.error("[realtime] handshake failed:", error);
      next(new Error("unavailable"));
    }
  });

  io.on("connection", async (socket) => {
    const agent = socket.data.agent as AgentActor;
    await socket.join([
      rooms.tenant(agent.tenantId),
      rooms.agent(agent.agentId),
      seesAllChats(agent) ? rooms.tenantAllChats(agent.tenantId) : rooms.tenantQueue(agent.tenantId),
    ]);

    socket.on("conversation.join", async (conversationId, ack) => {
      if (typeof conversationId !== "string" || typeof ack !== "function") return;
      const conversation = await options.database.prisma.conversation
        .findUnique({ where: { id: conversationId }, select: { tenantId: true, assigneeId: true, bucket: true, spamMarkedById: true } })
        .catch(() => null);
      const current = await loadAgentActor(options.database.prisma, agent.agentId, agent.tenantId);
      if (!conversation || !current || !can(current, "conversation.view", conversation)) return ack({ ok: false });
      await socket.join(rooms.conversation(conversationId));
      ack({ ok: true });
    });
    socket.on("conversation.leave", (conversationId) => {
      if (typeof conversationId === "string") void socket.leave(rooms.conversation(conversationId));
    });

    socket.emit("session.ready", { agentId: agent.agentId, tenantId: agent.tenantId });
  });

  attachWidgetNamespace(io, options);
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
 * The web-chat widget's namespace: visitors authenticate with their signed widget session token (no
 * agent cookie), and may join only their own conversation's room. The agents' namespace middleware
 * above does not apply here, and nothing an agent receives is sent here.
 */
function attachWidgetNamespace(io: RealtimeServer, options: RealtimeOptions): void {
  const widget = io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
  const db = options.database.prisma;
  widget.use((socket, next) => {
    const session = verifyWidgetSession((socket.handshake.auth as { token?: unknown } | undefined)?.token, options.secret);
    if (!session) return next(new Error("unauthenticated"));
    socket.data.visitor = session;
    next();
  });
  widget.on("connection", async (socket) => {
    const session = socket.data.visitor as WidgetSession;
    socket.on("widget.join", async (conversationId, ack) => {
      if (typeof conversationId !== "string" || typeof ack !== "function") return;
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
