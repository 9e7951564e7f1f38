// Limits on what a client makes the server do before Next does any work — per address for a client without credentials,
// per agent for page renders — taken by server.ts's request guard (lib/http/request-guard.ts), in the rate limiter's
// store (Redis with REDIS_URL). A refusal
// is answered after a pause (a tarpit): N looping connections then cost N refusals a second, not as many requests as
// the server can answer.
import "server-only";
import { addressLimitSubject } from "@/lib/http/client-address";
import { takeToken, type TokenBucketRule } from "@/lib/rate-limit/rate-limiter";

/**
 * Pages rendered for a client without a signed-in agent's session (the login page; any page with no cookie or a
 * forged one, which Next renders up to its session check; a server action posted to a page — there is none a client
 * without a session may run, and Next decodes each before the action refuses it: 20 connections from one address got
 * 189 a second): 120 at once, then 4 a second. A render costs ~7 ms of the
 * server (measured: 20 connections from one address got 141–159 renders a second of /login, or of any page with a
 * made-up session cookie — the whole server — and an API client's reads took twice as long meanwhile). A person loads
 * the login page once or twice a sign-in, so an office of a hundred agents signing in at nine behind one address stays
 * well inside it; a script is held to 4 renders a second per address (per /64 for IPv6). Signed-in agents never count.
 */
export const SIGNED_OUT_PAGE_LIMIT = { name: "pages:signed-out", burst: 120, perSecond: 4 } satisfies TokenBucketRule;

/**
 * Requests to Next's route handlers under /api/ from a client with neither a signed-in agent's session nor an API key
 * this instance knows good: sign-in's own requests (next-auth's csrf, providers, session, callback), the health
 * check, the OpenAPI document, a missing or unknown key, a path no route answers. 300 at once, then 10 a second.
 * Each costs ~1–2 ms of the server through Next (measured: 20 connections from one address got 122–424 answers a
 * second of /api/auth/session, /api/auth/csrf, a 401 or a 404, and an API client's reads took 3–8× as long). A sign-in
 * makes four or five of them, a load balancer's monitor one every few seconds. Not counted: the widget's requests
 * (limits of their own, lib/widget/widget-limits.ts) and anything with a good key or session.
 */
export const SIGNED_OUT_API_LIMIT = { name: "api:signed-out", burst: 300, perSecond: 10 } satisfies TokenBucketRule;

/**
 * Pages rendered for one signed-in agent, whatever their address (the session's agent, from the cookie's signature and
 * expiry, no database): a page, an RSC navigation or refresh, a server action — 300 at once, then 6 a second. A render
 * for an agent costs the server 30–130 ms on a loaded machine (measured: a script with an agent's cookie on 20
 * connections had /sessions rendered 14 times a second at load 8, and an API client's reads took six times as long).
 * A person working briskly — conversations opened one after another, a few pages — asked for 18 in 23 s; a live list
 * refreshes at most once a second.
 */
export const AGENT_PAGE_LIMIT = { name: "pages:agent", burst: 300, perSecond: 6 } satisfies TokenBucketRule;

/**
 * Next's prefetches for one signed-in agent (a request with `Next-Router-Prefetch`): Next asks for every link in view
 * again after each navigation, refresh or action — an admin reading the audit log made 230 in 28 s, 8 a second — and
 * each renders the page up to its loading state (25–70 ms, a third to a half of a navigation, measured at load 16).
 * 600 at once, then 20 a second: a bucket of their own, so a page full of links never holds the agent's navigations.
 */
export const AGENT_PREFETCH_LIMIT = {
  name: "pages:agent-prefetch",
  burst: 600,
  perSecond: 20,
} satisfies TokenBucketRule;

/** A refused request is answered after this pause. */
export const REFUSAL_PAUSE_MS = 1_000;

export interface GuardTurn {
  taken: boolean;
  retryAfterSeconds: number;
}

/** A request from `address` under `rule`: taken, or refused — answered after the refusal's pause. */
export const takeGuardTurn = (rule: TokenBucketRule, address: string): Promise<GuardTurn> =>
  takeTurn(rule, addressLimitSubject(address));

async function takeTurn(rule: TokenBucketRule, subject: string): Promise<GuardTurn> {
  const turn = await takeToken(rule, subject);
  if (!turn.taken) await new Promise((resolve) => setTimeout(resolve, REFUSAL_PAUSE_MS));
  return turn;
}

/** A render of a page for the signed-in agent `agentId`, from any address (AGENT_PAGE_LIMIT; AGENT_PREFETCH_LIMIT). */
export const takeAgentPageTurn = (agentId: string, prefetch: boolean) =>
  takeTurn(prefetch ? AGENT_PREFETCH_LIMIT : AGENT_PAGE_LIMIT, agentId);

/** A render of a page for a client without a session (SIGNED_OUT_PAGE_LIMIT). */
export const takeSignedOutPageTurn = (address: string) => takeGuardTurn(SIGNED_OUT_PAGE_LIMIT, address);

/** A request to a route handler from a client without a session or a known key (SIGNED_OUT_API_LIMIT). */
export const takeSignedOutApiTurn = (address: string) => takeGuardTurn(SIGNED_OUT_API_LIMIT, address);
