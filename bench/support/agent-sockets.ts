// Agents connected over Socket.io as the browser connects: a next-auth session cookie (minted with
// next-auth/jwt `encode` and the server's secret) on the websocket handshake.
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";
import { lazyParser } from "./lazy-parser";

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SessionAgent {
  id: string;
  tenantId: string;
  /** An AgentSession row of the agent (bench/support/seed.ts makes one per agent). */
  sessionId: string;
  role?: "AGENT" | "SUPERVISOR" | "ADMIN";
}

export async function sessionCookie(agent: SessionAgent, secret: string): Promise<string> {
  const token = await encode({
    token: {
      agentId: agent.id,
      tenantId: agent.tenantId,
      role: agent.role ?? "AGENT",
      sessionId: agent.sessionId,
      sub: agent.id,
    },
    secret,
  });
  return `next-auth.session-token=${token}`;
}

/** Connects and waits for session.ready (the rooms are joined by then). */
export async function connectAgentSocket(
  url: string,
  cookie: string,
  options: { reconnection?: boolean; timeoutMs?: number; lazyDecoding?: boolean } = {},
): Promise<AgentSocket> {
  const socket: AgentSocket = connect(url, {
    ...(options.lazyDecoding ? { parser: lazyParser } : {}),
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`socket to ${url} not ready within ${options.timeoutMs ?? 15_000} ms`)),
      options.timeoutMs ?? 15_000,
    );
    socket.once("session.ready", () => {
      clearTimeout(timer);
      resolve();
    });
    if (!options.reconnection) {
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    }
  });
  return socket;
}

/** Connects many sockets, a few at a time (the handshake reads the agent from the database). */
export async function connectMany(
  urls: (i: number) => string,
  cookies: string[],
  options: { reconnection?: boolean; lazyDecoding?: boolean } = {},
): Promise<AgentSocket[]> {
  const sockets: AgentSocket[] = new Array(cookies.length);
  let next = 0;
  const worker = async () => {
    while (next < cookies.length) {
      const i = next++;
      sockets[i] = await connectAgentSocket(urls(i), cookies[i]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(10, cookies.length) }, worker));
  return sockets;
}
