// Password-guessing protection that cannot be turned against the account's owner. Attempts are counted
// atomically before the password is checked, per (account, client address) and per client address, so
// parallel guesses cannot slip past a limit; an account as a whole is never locked: past a few failures
// from anywhere, every attempt on it waits a growing delay, so a guesser spread over many addresses is
// slowed down while the owner, from their own address, still gets in. Counters live in Redis with
// REDIS_URL (lib/rate-limit), so every instance shares them. Numbers: README "Sign-in protection".
import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleepMs } from "node:timers/promises";
import { RateLimited } from "@/lib/errors";
import { TOO_MANY_ATTEMPTS_PREFIX } from "./sign-in-messages";
import { addressLimitSubject } from "@/lib/http/client-address";
import {
  peekRateLimit,
  reserveRateLimit,
  refundRateLimit,
  resetRateLimit,
  countRateLimitedFailure,
  type RateLimitRule,
} from "@/lib/rate-limit/rate-limiter";

export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one address; a good one starts it again. */
  perAccountAndAddress: { name: "sign-in:account-address", limit: 10, windowSeconds: 15 * 60 },
  /** Wrong passwords from one address (an IPv6 /64), whatever the accounts: offices share an address. */
  perAddress: { name: "sign-in:address", limit: 100, windowSeconds: 15 * 60 },
  /** Wrong passwords for one account from anywhere: only slows attempts down (ACCOUNT_SLOWDOWN). */
  accountFailures: { name: "sign-in:account-failures", limit: Number.MAX_SAFE_INTEGER, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

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

/** Emails of any length, known or not, as a fixed-size counter key. */
function accountSubject(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);
}

/**
 * Runs `verify` (the password check) for a sign-in attempt on `email` from `address`, unless a limit
 * refuses it first (SignInThrottled). `verify` answers null for a wrong email or password.
 */
export async function guardSignIn<T>({
  email,
  address,
  verify,
  sleep = (ms) => sleepMs(ms),
}: {
  email: string;
  address: string;
  verify: () => Promise<T | null>;
  sleep?: (ms: number) => Promise<unknown>;
}): Promise<T | null> {
  const account = accountSubject(email);
  const from = addressLimitSubject(address);
  const pair = `${account}:${from}`;

  const perAddress = await reserveRateLimit(SIGN_IN_LIMITS.perAddress, from);
  if (!perAddress.allowed) throw new SignInThrottled(perAddress.retryAfterSeconds);
  const perPair = await reserveRateLimit(SIGN_IN_LIMITS.perAccountAndAddress, pair);
  if (!perPair.allowed) {
    // Not checked, so not a failure of this address against its own limit.
    await refundRateLimit(SIGN_IN_LIMITS.perAddress, from);
    throw new SignInThrottled(perPair.retryAfterSeconds);
  }

  const delay = accountDelayMs(await peekRateLimit(SIGN_IN_LIMITS.accountFailures, account));
  if (delay > 0) await sleep(delay);

  const result = await verify();
  if (result === null) {
    await countRateLimitedFailure(SIGN_IN_LIMITS.accountFailures, account);
    return null;
  }
  // Only failures count: the owner's good sign-in gives back what it reserved.
  await Promise.all([
    refundRateLimit(SIGN_IN_LIMITS.perAddress, from),
    resetRateLimit(SIGN_IN_LIMITS.perAccountAndAddress, pair),
  ]);
  return result;
}
