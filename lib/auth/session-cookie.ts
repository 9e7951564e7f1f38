// The agent a next-auth session cookie belongs to, read straight from a Cookie header: used by the
// Socket.io handshake and by browser reads of the REST API (outside Next's request scope too).
import { decode } from "next-auth/jwt";
import type { DbOrTx } from "@/lib/db";
import type { AgentActor } from "./actor";
import { loadSessionActor } from "./agents";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export async function agentFromCookieHeader(
  cookieHeader: string | null | undefined,
  db: DbOrTx,
  secret: string,
): Promise<AgentActor | null> {
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    const jwt = await decode({ token, secret }).catch(() => null);
    if (!jwt?.agentId) return null;
    return loadSessionActor(db, jwt);
  }
  return null;
}
