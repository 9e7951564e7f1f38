// Password-guessing protection that cannot be turned against the account's owner. Attempts are counted
// atomically before the password is checked, per (account, client address) and per client address, so
// parallel guesses cannot slip past a limit. An account is never locked for its owner at an address they
// signed in from: past a few failures from anywhere, every attempt on it waits a growing delay, and attempts
// from addresses it has not signed in from share one bucket (ACCOUNT_FROM_NEW_ADDRESSES), so a guesser
// spread over many addresses is held to a few guesses a minute. A browser that signed in to the account before
// (a device cookie, lib/auth/device-cookie.ts) skips all of that, with a limit of its own: so an owner at a new
// address is not kept out by an attack on their account either. Counters live in Redis with
// REDIS_URL (lib/rate-limit), so every instance shares them. Numbers: README "Sign-in protection". An attempt
// refused before its password was checked — by a limit, or because this instance has too much password work
// waiting (PasswordWorkBusy, lib/auth/password-work.ts) — gives back what it counted: it was not a guess.
import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleepMs } from "node:timers/promises";
import { RateLimited } from "@/lib/errors";
import { TOO_MANY_ATTEMPTS_PREFIX } from "./sign-in-messages";
import { PasswordWorkBusy } from "./password-work";
import { addressLimitSubject, networkLimitSubject } from "@/lib/http/client-address";
import {
  peekRateLimit,
  reserveRateLimit,
  refundRateLimit,
  resetRateLimit,
  countRateLimitedFailure,
  giveTokenBack,
  takeToken,
  type RateLimitRule,
  type TokenBucketRule,
} from "@/lib/rate-limit/rate-limiter";

export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one address; a good one starts it again. */
  perAccountAndAddress: { name: "sign-in:account-address", limit: 10, windowSeconds: 15 * 60 },
  /** Wrong passwords from one address (an IPv6 /64), whatever the accounts: offices share an address. */
  perAddress: { name: "sign-in:address", limit: 100, windowSeconds: 15 * 60 },
  /** Wrong passwords from one IPv6 /48, whatever the accounts: a home's /56 or a server's /48 is one network. */
  perNetwork: { name: "sign-in:network", limit: 400, windowSeconds: 15 * 60 },
  /** Wrong passwords for one account from anywhere: only slows attempts down (ACCOUNT_SLOWDOWN). */
  accountFailures: { name: "sign-in:account-failures", limit: Number.MAX_SAFE_INTEGER, windowSeconds: 15 * 60 },
  /**
   * Wrong passwords for one account from one of its trusted browsers (lib/auth/device-cookie.ts), wherever it
   * is: past it, that browser is a stranger again until the window ends. A good one starts it again.
   */
  perAccountAndDevice: { name: "sign-in:account-device", limit: 10, windowSeconds: 15 * 60 },
  /** The addresses an account signed in from, each for 30 days from its first good sign-in there. */
  knownAddress: { name: "sign-in:known-address", limit: Number.MAX_SAFE_INTEGER, windowSeconds: 30 * 24 * 60 * 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * Attempts on one account from addresses it has not signed in from (SIGN_IN_LIMITS.knownAddress), all of them
 * together: 10 at once, then one every 30 s. The delays of ACCOUNT_SLOWDOWN are waited in parallel, so a
 * guesser spread over many addresses sending at once got past them; this bucket is taken atomically, so they
 * do not. The owner, from an address they signed in from in the last 30 days, never takes from it; from a
 * new address while their account is under attack, they may have to wait for a turn.
 */
export const ACCOUNT_FROM_NEW_ADDRESSES = {
  name: "sign-in:account-new-addresses",
  burst: 10,
  perSecond: 1 / 30,
} satisfies TokenBucketRule;

/** After `freeFailures` wrong passwords for an account, each attempt on it waits first·2^(n−free), at most `maxMs`. */
export const ACCOUNT_SLOWDOWN = { freeFailures: 5, firstDelayMs: 250, maxDelayMs: 8_000 };

export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_SLOWDOWN.freeFailures) return 0;
  return Math.min(
    ACCOUNT_SLOWDOWN.maxDelayMs,
    ACCOUNT_SLOWDOWN.firstDelayMs * 2 ** (failures - ACCOUNT_SLOWDOWN.freeFailures),
  );
}

/** Refused before the password was checked; next-auth shows the message on the sign-in page. */
export class SignInThrottled extends RateLimited {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message = `${TOO_MANY_ATTEMPTS_PREFIX} Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} min.`;
  }
}

/** Emails of any length, known or not, as a fixed-size counter key (and a device token's account). */
export function accountSubject(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);
}

/** A wrong password for `email` given elsewhere than the sign-in form (changing it): slows sign-ins on it down too. */
export async function countWrongPassword(email: string): Promise<void> {
  await countRateLimitedFailure(SIGN_IN_LIMITS.accountFailures, accountSubject(email));
}

/**
 * Runs `verify` (the password check) for a sign-in attempt on `email` from `address`, unless a limit
 * refuses it first (SignInThrottled). `verify` answers null for a wrong email or password; it is told whether
 * the attempt is the owner's as far as we know — a browser that signed in to the account (`device`, the nonce
 * of its valid device token) or an address it signed in from — so its password check goes ahead of strangers',
 * and may throw PasswordWorkBusy, which counts nothing and is thrown on.
 */
export async function guardSignIn<T>({
  email,
  address,
  device = null,
  verify,
  sleep = (ms) => sleepMs(ms),
}: {
  email: string;
  address: string;
  /** The nonce of a device token the browser showed for this account, checked (lib/auth/device-cookie.ts). */
  device?: string | null;
  verify: (attempt: { known: boolean }) => Promise<T | null>;
  sleep?: (ms: number) => Promise<unknown>;
}): Promise<T | null> {
  const account = accountSubject(email);
  if (device) {
    const browser = `${account}:${device}`;
    const attempt = await reserveRateLimit(SIGN_IN_LIMITS.perAccountAndDevice, browser);
    if (attempt.allowed) return verifyFromTrustedBrowser(account, browser, verify);
    // Past its own limit the browser is a stranger again: the limits below decide.
  }
  const from = addressLimitSubject(address);
  const network = networkLimitSubject(address);
  const pair = `${account}:${from}`;

  // Counted in turn; a refusal gives back what was counted before it (not checked, so not a failure).
  const counted: Array<[RateLimitRule, string]> = [];
  const giveBack = () => Promise.all(counted.map(([rule, subject]) => refundRateLimit(rule, subject)));
  const refuse = async (retryAfterSeconds: number) => {
    await giveBack();
    return new SignInThrottled(retryAfterSeconds);
  };
  for (const [rule, subject] of [
    [SIGN_IN_LIMITS.perAddress, from],
    ...(network ? [[SIGN_IN_LIMITS.perNetwork, network] as const] : []),
    [SIGN_IN_LIMITS.perAccountAndAddress, pair],
  ] as const) {
    const attempt = await reserveRateLimit(rule, subject);
    if (!attempt.allowed) throw await refuse(attempt.retryAfterSeconds);
    counted.push([rule, subject]);
  }

  const known = (await peekRateLimit(SIGN_IN_LIMITS.knownAddress, pair)) > 0;
  if (!known) {
    const turn = await takeToken(ACCOUNT_FROM_NEW_ADDRESSES, account);
    if (!turn.taken) throw await refuse(turn.retryAfterSeconds);
  }

  const delay = accountDelayMs(await peekRateLimit(SIGN_IN_LIMITS.accountFailures, account));
  if (delay > 0) await sleep(delay);

  let result: T | null;
  try {
    result = await verify({ known });
  } catch (error) {
    // Not checked, so not a failure, and not a turn: a new address's token goes back too.
    if (error instanceof PasswordWorkBusy) {
      await giveBack();
      if (!known) await giveTokenBack(ACCOUNT_FROM_NEW_ADDRESSES, account);
    }
    throw error;
  }
  if (result === null) {
    await countRateLimitedFailure(SIGN_IN_LIMITS.accountFailures, account);
    return null;
  }
  // Only failures count: the owner's good sign-in gives back what it reserved.
  await Promise.all([
    refundRateLimit(SIGN_IN_LIMITS.perAddress, from),
    network ? refundRateLimit(SIGN_IN_LIMITS.perNetwork, network) : undefined,
    resetRateLimit(SIGN_IN_LIMITS.perAccountAndAddress, pair),
    known ? undefined : countRateLimitedFailure(SIGN_IN_LIMITS.knownAddress, pair),
  ]);
  return result;
}

/**
 * An attempt from a browser that signed in to the account: none of the limits a guesser on many addresses
 * trips (the owner is not kept out by them), its own count instead (reserved by the caller). A wrong password
 * still slows the account down for everyone else.
 */
async function verifyFromTrustedBrowser<T>(
  account: string,
  browser: string,
  verify: (attempt: { known: boolean }) => Promise<T | null>,
): Promise<T | null> {
  let result: T | null;
  try {
    result = await verify({ known: true });
  } catch (error) {
    if (error instanceof PasswordWorkBusy) await refundRateLimit(SIGN_IN_LIMITS.perAccountAndDevice, browser);
    throw error;
  }
  if (result === null) {
    await countRateLimitedFailure(SIGN_IN_LIMITS.accountFailures, account);
    return null;
  }
  await resetRateLimit(SIGN_IN_LIMITS.perAccountAndDevice, browser);
  return result;
}
