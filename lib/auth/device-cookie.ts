// Device cookies (OWASP, "Slow brute force: device cookies"): a browser that signed in to an account gets a
// token for that account, signed with the session secret. A sign-in attempt that shows one is the owner's own
// browser: it skips the limits a guesser on many addresses trips — the new addresses' bucket, the account's
// slowdown, the address limits an office shares with an attacker — and has a limit of its own instead
// (SIGN_IN_LIMITS.perAccountAndDevice), so a stolen cookie buys 10 guesses a quarter of an hour, no more. An
// owner travelling, or on a mobile network whose address changes by the hour, signs in during an attack on
// their account as if nothing happened. The token names the account by a hash of its email (the same as the
// sign-in counters' subject), never the email itself; the cookie goes only to /api/auth.
// A token is also bound to the account's password as it was when the browser signed in (its signature covers the
// stored hash, which a new password replaces, salt and all): changing a password — the owner under Your account,
// or an admin for an account they believe taken — ends every browser's trust, a thief's copied cookie included.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { authSecret, env } from "@/lib/env";
import type { DbOrTx } from "@/lib/db";
import { readCookie } from "./session-cookie";
import { accountSubject } from "./sign-in-guard";

export const DEVICE_COOKIE = "bouncer-device";
/** Accounts one browser is remembered for (a shared front-desk computer, an admin's second account). */
export const DEVICE_TOKENS_PER_BROWSER = 5;
/** A year: the owner's browser stays trusted between sign-ins; each sign-in renews it. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const MAC_LENGTH = 32;

/** The account a token is for: sign-in-guard's subject of its email, and its stored password hash now. */
export interface DeviceAccount {
  subject: string;
  passwordHash: string;
}

function mac(secret: string, account: DeviceAccount, nonce: string): string {
  return createHmac("sha256", secret)
    .update(`bouncer-device:${account.subject}:${nonce}:${account.passwordHash}`)
    .digest("base64url")
    .slice(0, MAC_LENGTH);
}

/** A new token for the account. */
export function issueDeviceToken(secret: string, account: DeviceAccount): string {
  const nonce = randomBytes(16).toString("base64url");
  return `${account.subject}.${nonce}.${mac(secret, account, nonce)}`;
}

/** The tokens a cookie value holds, newest first (malformed parts dropped). */
function tokensOf(value: string | undefined): string[] {
  return (value ?? "")
    .split("~")
    .filter((token) => /^[\w-]{1,64}\.[\w-]{1,64}\.[\w-]{1,64}$/.test(token))
    .slice(0, DEVICE_TOKENS_PER_BROWSER);
}

/** Whether the cookie value holds a token naming account `subject` at all (signed or not: no secret needed). */
export function namesAccount(value: string | undefined, subject: string): boolean {
  return tokensOf(value).some((token) => token.split(".")[0] === subject);
}

/**
 * The device the cookie value proves for the account: its nonce (the key of its own failure count), or null
 * when it holds no token validly signed for that account and its password now.
 */
export function trustedDeviceOf(secret: string, account: DeviceAccount, value: string | undefined): string | null {
  for (const token of tokensOf(value)) {
    const [tokenSubject, nonce, signature] = token.split(".") as [string, string, string];
    if (tokenSubject !== account.subject) continue;
    const expected = Buffer.from(mac(secret, account, nonce));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return nonce;
  }
  return null;
}

/** The cookie value after a sign-in to `subject`: its new token first, the others kept (up to the cap). */
export function rememberedDevices(value: string | undefined, token: string): string {
  const subject = token.split(".")[0];
  const others = tokensOf(value).filter((old) => old.split(".")[0] !== subject);
  return [token, ...others].slice(0, DEVICE_TOKENS_PER_BROWSER).join("~");
}

/**
 * The browser a sign-in request proves trusted for `email` (from its Cookie header): a nonce, or null. Reads the
 * account's password hash only when the cookie names the account (a stranger's attempt costs no read).
 */
export async function trustedDeviceIn(
  db: DbOrTx,
  cookieHeader: string | undefined,
  email: string,
): Promise<string | null> {
  const value = readCookie(cookieHeader, DEVICE_COOKIE);
  const subject = accountSubject(email);
  if (!namesAccount(value, subject)) return null;
  const agent = await db.agent.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { passwordHash: true },
  });
  return agent ? trustedDeviceOf(authSecret(), { subject, passwordHash: agent.passwordHash }, value) : null;
}

/**
 * After a good sign-in: the browser gets a new token for the account, beside its others. Through Next's
 * cookies() of the sign-in route (Next adds it to next-auth's answer); outside a request (tests) nothing.
 */
export async function rememberDevice(
  cookieHeader: string | undefined,
  agent: { email: string; passwordHash: string },
): Promise<void> {
  let jar: Awaited<ReturnType<typeof cookies>>;
  try {
    jar = await cookies();
  } catch {
    return;
  }
  const token = issueDeviceToken(authSecret(), {
    subject: accountSubject(agent.email),
    passwordHash: agent.passwordHash,
  });
  jar.set(DEVICE_COOKIE, rememberedDevices(readCookie(cookieHeader, DEVICE_COOKIE), token), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
    path: "/api/auth",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
