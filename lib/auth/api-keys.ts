// API keys: long random strings shown once, stored as SHA-256 hashes, scoped to one tenant.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "@/lib/db";
import type { ServiceActor } from "./actor";
import { admissionCache } from "@/lib/admission/admission-cache";

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

/** The service actor for a bearer key, or null when the key is unknown or revoked. */
export async function authenticateApiKey(_db: DbOrTx, key: string): Promise<ServiceActor | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  // From memory (lib/admission/admission-cache.ts): a revoked key stops working on every instance when its change
  // commits.
  return (await admissionCache()).apiKey(hashApiKey(key));
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
