// The agent a next-auth session cookie belongs to, read straight from a Cookie header: used by the
// Socket.io handshake and by browser reads of the REST API (outside Next's request scope too).
import { decode } from "next-auth/jwt";
import type { DbOrTx } from "@/lib/db";
import type { AgentActor } from "./actor";
import { loadSessionActor } from "./agents";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** One cookie of a Cookie header, decoded; undefined when it is not there. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    // A client's bad percent-encoding ("%%%") is no cookie, not an error (decodeURIComponent throws on it).
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function agentFromCookieHeader(
  cookieHeader: string | null | undefined,
  db: DbOrTx,
  secret: string,
): Promise<AgentActor | null> {
  const jwt = await sessionTokenOf(cookieHeader, secret);
  return jwt ? loadSessionActor(db, jwt) : null;
}

/**
 * The agent a Cookie header's session token names, read from the token alone (its signature and expiry;
 * no database: whether the session still stands is agentFromCookieHeader's question). Null without one.
 */
export async function sessionAgentIdOf(
  cookieHeader: string | null | undefined,
  secret: string,
): Promise<string | null> {
  const jwt = await sessionTokenOf(cookieHeader, secret);
  return typeof jwt?.agentId === "string" ? jwt.agentId : null;
}

async function sessionTokenOf(cookieHeader: string | null | undefined, secret: string) {
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    const jwt = await decode({ token, secret }).catch(() => null);
    return jwt?.agentId ? jwt : null;
  }
  return null;
}
