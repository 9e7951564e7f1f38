// The web-chat widget's two signatures:
// 1. The host site's user signature: hex HMAC-SHA256 of the user's external id with the tenant's
//    widget secret. It makes a visitor "authenticated"; a wrong one is refused, never downgraded.
// 2. Bouncer's own visitor session token (tenant, random visitor id, verified external id), signed with
//    a key derived from the server's session secret. It lives in an httpOnly cookie (to resume) and is
//    handed to the widget page, which sends it as a header on every call and on the socket handshake.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface WidgetSession {
  tenantId: string;
  visitorId: string;
  /** The host's user id, when the host signed it. */
  externalId: string | null;
  /** The display name the host passed for a signed-in user (cosmetic; only used when the contact is new). */
  name: string | null;
  /** Seconds since the epoch. */
  issuedAt: number;
}

/** Chrome caps cookie lifetimes at 400 days; tokens live as long. */
export const WIDGET_SESSION_MAX_AGE_S = 400 * 24 * 60 * 60;

export function userSignature(widgetSecret: string, externalId: string): string {
  return createHmac("sha256", widgetSecret).update(externalId).digest("hex");
}

/** Constant-time check of the host's signature (hex, any case). */
export function verifyUserSignature(widgetSecret: string, externalId: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(userSignature(widgetSecret, externalId), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function newVisitorId(): string {
  return `visitor-${randomBytes(16).toString("hex")}`;
}

/** Session tokens use their own key, so a token can never pass for anything the session secret signs. */
function tokenKey(serverSecret: string): Buffer {
  return createHmac("sha256", serverSecret).update("bouncer/widget-session/v1").digest();
}

function mac(serverSecret: string, payload: string): Buffer {
  return createHmac("sha256", tokenKey(serverSecret)).update(payload).digest();
}

export function signWidgetSession(session: WidgetSession, serverSecret: string): string {
  const payload = Buffer.from(
    JSON.stringify({
      t: session.tenantId,
      v: session.visitorId,
      u: session.externalId,
      n: session.name,
      i: session.issuedAt,
    }),
  ).toString("base64url");
  return `${payload}.${mac(serverSecret, payload).toString("base64url")}`;
}

export function verifyWidgetSession(token: unknown, serverSecret: string, now = new Date()): WidgetSession | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(serverSecret, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      t?: unknown;
      v?: unknown;
      u?: unknown;
      n?: unknown;
      i?: unknown;
    };
    if (typeof data.t !== "string" || typeof data.v !== "string" || typeof data.i !== "number") return null;
    if (data.u !== null && typeof data.u !== "string") return null;
    if (now.getTime() / 1000 - data.i > WIDGET_SESSION_MAX_AGE_S) return null;
    return {
      tenantId: data.t,
      visitorId: data.v,
      externalId: data.u,
      name: typeof data.n === "string" ? data.n : null,
      issuedAt: data.i,
    };
  } catch {
    return null;
  }
}
