// API keys: long random strings shown once, stored as SHA-256 hashes, scoped to one tenant.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "@/lib/db";
import { RateLimited } from "@/lib/errors";
import { addressLimitSubject, networkLimitSubject } from "@/lib/http/client-address";
import { assertUnderRateLimit, countRateLimitedFailure, type RateLimitRule } from "@/lib/rate-limit/rate-limiter";
import type { ServiceActor } from "./actor";
import { type AdmissionCache, admissionCache } from "@/lib/admission/admission-cache";

const KEY_PREFIX = "bk_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Creates a key for the tenant and returns it in clear text once. */
export async function createApiKey(db: DbOrTx, tenantId: string, name: string) {
  const key = generateApiKey();
  const record = await db.apiKey.create({
    data: { tenantId, name, prefix: key.slice(0, KEY_PREFIX.length + 6), keyHash: hashApiKey(key) },
  });
  return { key, record };
}

/**
 * Failed key authentications — an unknown, revoked or malformed key — per client address, in the rate limiter's store
 * (Redis with REDIS_URL: shared by every instance). A key this instance has not seen costs a database look-up; past
 * the limit an address's keys are refused (429) before any, except keys this instance has seen good
 * (AdmissionCache.vouchedApiKey): a good key is never refused for failures, its own address's included. Generous: an
 * integration left with a revoked key that retries every delivery fails a few times a second and is then told to wait;
 * a script trying keys at hundreds a second gets 5 look-ups a second.
 */
export const API_KEY_FAILURE_LIMITS = {
  perAddress: { name: "api-key:failures", limit: 300, windowSeconds: 60 },
  /** An IPv6 /48 as well: one host may hold 65,536 /64s (lib/http/client-address.ts networkLimitSubject). */
  perNetwork: { name: "api-key:failures-network", limit: 1_200, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * A refusal is answered after this pause (a tarpit, as ingest's, lib/admission/sender-flood.ts): a script keeping N
 * connections busy then costs N requests a second, not as many as the server can answer — each one a full request.
 */
export const API_KEY_REFUSAL_PAUSE_MS = 1_000;

/**
 * The service actor for a bearer key, or null when the key is unknown or revoked. With `from` (the API's requests),
 * the failure counts against the client's address and may be refused past API_KEY_FAILURE_LIMITS: RateLimited.
 */
export async function authenticateApiKey(
  _db: DbOrTx,
  key: string,
  from?: { address: string },
): Promise<ServiceActor | null> {
  const cache = await admissionCache();
  const keyHash = key.startsWith(KEY_PREFIX) && key.length <= 200 ? hashApiKey(key) : null;
  const limits = from ? failureLimits(from.address) : [];
  // A key seen good is asked about before the address's failures: it is served even from an address that also sends
  // bad keys. Revoked since, it counts as a failure like any other (and is refused past the limit).
  const vouched = keyHash !== null && cache.vouchedApiKey(keyHash);
  if (!vouched) await refuseOverFailureLimits(limits);
  // From memory (lib/admission/admission-cache.ts): a revoked key stops working on every instance when its change
  // commits.
  const actor = keyHash ? await cache.apiKey(keyHash) : null;
  if (!actor) {
    for (const [rule, subject] of limits) await countRateLimitedFailure(rule, subject);
    if (vouched) await refuseOverFailureLimits(limits);
  }
  return actor;
}

async function refuseOverFailureLimits(limits: Array<[RateLimitRule, string]>): Promise<void> {
  try {
    for (const [rule, subject] of limits) await assertUnderRateLimit(rule, subject);
  } catch (error) {
    if (error instanceof RateLimited) await new Promise((resolve) => setTimeout(resolve, API_KEY_REFUSAL_PAUSE_MS));
    throw error;
  }
}

/**
 * Whether an Authorization header carries a key `cache` holds good in memory (no database): server.ts's request guard
 * lets such requests past the per-address limit on clients without credentials (lib/http/guard-limits.ts). A key not
 * yet in memory counts there once; the route then authenticates it and the cache holds it.
 */
export function carriesGoodApiKey(cache: AdmissionCache, authorization: string | null | undefined): boolean {
  const key = bearerKeyOf(authorization);
  return key !== undefined && key.startsWith(KEY_PREFIX) && key.length <= 200 && cache.holdsGoodApiKey(hashApiKey(key));
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export const bearerKeyOf = (authorization: string | null | undefined): string | undefined =>
  BEARER_KEY.exec(authorization ?? "")?.[1];

const BEARER_KEY = /^Bearer\s+(\S+)$/i;

function failureLimits(address: string): Array<[RateLimitRule, string]> {
  const network = networkLimitSubject(address);
  return [
    [API_KEY_FAILURE_LIMITS.perAddress, addressLimitSubject(address)],
    ...(network ? [[API_KEY_FAILURE_LIMITS.perNetwork, network] as [RateLimitRule, string]] : []),
  ];
}

const USAGE_RESOLUTION_MS = 60_000;

/**
 * Records that a key was used, at most once a minute per key: the condition sits in the UPDATE, so a
 * busy key costs one cheap no-op statement per request instead of a write. Never throws (callers may
 * fire and forget); answers whether lastUsedAt moved.
 */
export async function touchApiKeyUsage(db: DbOrTx, apiKeyId: string, now: Date = new Date()): Promise<boolean> {
  try {
    const { count } = await db.apiKey.updateMany({
      where: {
        id: apiKeyId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - USAGE_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
    return count > 0;
  } catch (error) {
    console.error("[api-keys] could not record key usage:", error instanceof Error ? error.message : error);
    return false;
  }
}
