"use client";
// The browser's side of the realtime contract: one socket per tab, authenticated by the session
// cookie, and one handler map (Chatwoot's actionCable.js). On every (re)connect the server sends
// session.ready and the page resyncs, since events may have been missed while disconnected.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type BrowserSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RealtimeHandlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };
export type ConnectionState = "connecting" | "live" | "reconnecting";

export function useRealtime(handlers: RealtimeHandlers): { socket: BrowserSocket | null; state: ConnectionState } {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const [socket, setSocket] = useState<BrowserSocket | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");

  useEffect(() => {
    const s: BrowserSocket = io({ transports: ["websocket", "polling"], withCredentials: true });
    s.onAny((event: keyof ServerToClientEvents, payload: unknown) => {
      const handler = handlersRef.current[event] as ((p: unknown) => void) | undefined;
      handler?.(payload);
    });
    s.on("session.ready", () => setState("live"));
    s.on("disconnect", () => setState("reconnecting"));
    s.on("connect_error", () => setState("reconnecting"));
    setSocket(s);
    return () => {
      s.disconnect();
    };
  }, []);

  return { socket, state };
}
