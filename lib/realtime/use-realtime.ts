"use client";
// The browser's side of the realtime contract: one socket per tab, authenticated by the session
// cookie, and one handler map (Chatwoot's actionCable.js). On every (re)connect the server sends
// session.ready and the page resyncs, since events may have been missed while disconnected. When the
// agent's access changes the server drops the socket; it reconnects into its new rooms, or, if the
// session ended, the page goes to the sign-in page.
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
    let retry: ReturnType<typeof setTimeout> | undefined;
    s.onAny((event: keyof ServerToClientEvents, payload: unknown) => {
      const handler = handlersRef.current[event] as ((p: unknown) => void) | undefined;
      handler?.(payload);
    });
    s.on("session.ready", () => setState("live"));
    s.on("disconnect", (reason) => {
      setState("reconnecting");
      // The server dropped us because our access changed (role, permissions, a session ended): connect
      // again at once, so the server puts us in the rooms we may be in now — or refuses us.
      if (reason === "io server disconnect") s.connect();
    });
    s.on("connect_error", (error) => {
      setState("reconnecting");
      if (s.active) return; // a transport failure: socket.io retries by itself
      // Refused by the server: a session that ended goes to the sign-in page; a busy address tries later.
      if (error.message === "unauthenticated")
        window.location.assign(
          `/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`,
        );
      else retry = setTimeout(() => s.connect(), 30_000);
    });
    setSocket(s);
    return () => {
      clearTimeout(retry);
      s.disconnect();
    };
  }, []);

  return { socket, state };
}
