// Per-address limits on full page renders, taken by server.ts's request guard before Next renders anything
// (lib/http/request-guard.ts), in the rate limiter's store (Redis with REDIS_URL). A render costs ~7 ms of the
// server (measured: 20 connections from one address got 141–159 renders a second of /login, or of any page with a
// made-up session cookie — the whole server — and an API client's reads took twice as long meanwhile).
import "server-only";
import { addressLimitSubject } from "@/lib/http/client-address";
import { takeToken, type TokenBucketRule } from "@/lib/rate-limit/rate-limiter";

/**
 * Pages rendered for a client without a signed-in agent's session (the login page; any page with no cookie or a
 * forged one, which Next renders up to its session check): 120 at once, then 4 a second. A person loads the login
 * page once or twice a sign-in, so an office of a hundred agents signing in at nine behind one address stays well
 * inside it; a script is held to 4 renders a second per address (per /64 for IPv6). Signed-in agents never count.
 */
export const SIGNED_OUT_PAGE_LIMIT = { name: "pages:signed-out", burst: 120, perSecond: 4 } satisfies TokenBucketRule;

/** A refused render is answered after this pause (a tarpit: N looping connections cost N refusals a second). */
export const PAGE_REFUSAL_PAUSE_MS = 1_000;

export interface PageTurn {
  taken: boolean;
  retryAfterSeconds: number;
}

/** A page render for `address` under `rule`: taken, or refused — answered after the refusal's pause. */
export async function takePageTurn(rule: TokenBucketRule, address: string): Promise<PageTurn> {
  const turn = await takeToken(rule, addressLimitSubject(address));
  if (!turn.taken) await new Promise((resolve) => setTimeout(resolve, PAGE_REFUSAL_PAUSE_MS));
  return turn;
}

/** A render of a page for a client without a session (SIGNED_OUT_PAGE_LIMIT). */
export const takeSignedOutPageTurn = (address: string) => takePageTurn(SIGNED_OUT_PAGE_LIMIT, address);
