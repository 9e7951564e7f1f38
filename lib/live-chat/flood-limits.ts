// Live-chat flood limits. A new widget session is a new visitor id, so per-visitor limits alone let one
// address queue hundreds of chats (200 in 16 s was measured). Per tenant, these cap new visitors and
// queue entries from one client address (an IPv6 /64) in 10 minutes — four times that from its /48 — and from
// everyone in 1 minute.
// Counted atomically before the request does anything, in Redis with REDIS_URL (lib/rate-limit), so N
// instances share them; a refused request stores nothing. Admins set them under Settings → Live chat.
import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { NotFound, RateLimited } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { addressLimitSubject, networkLimitSubject } from "@/lib/http/client-address";
import { refundRateLimit, reserveRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limiter";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const ADDRESS_WINDOW_SECONDS = 10 * 60;
export const TENANT_WINDOW_SECONDS = 60;
const MAX_LIMIT = 1_000_000;

const limit = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`);

export const floodLimitsSchema = z.object({
  /** New widget visitors (sessions without a visitor cookie) from one address, per 10 minutes. */
  liveChatNewVisitorsPerAddress: limit,
  /** New widget visitors from anywhere, per minute. */
  liveChatNewVisitorsPerTenant: limit,
  /** Visitors joining the agent queue from one address, per 10 minutes. */
  liveChatQueueEntriesPerAddress: limit,
  /** Visitors joining the agent queue from anywhere, per minute. */
  liveChatQueueEntriesPerTenant: limit,
});

export type FloodLimits = z.infer<typeof floodLimitsSchema>;

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  liveChatNewVisitorsPerAddress: 60,
  liveChatNewVisitorsPerTenant: 300,
  liveChatQueueEntriesPerAddress: 20,
  liveChatQueueEntriesPerTenant: 60,
};

export const floodLimitsSelect = {
  liveChatNewVisitorsPerAddress: true,
  liveChatNewVisitorsPerTenant: true,
  liveChatQueueEntriesPerAddress: true,
  liveChatQueueEntriesPerTenant: true,
} as const;

/**
 * 429 rate_limited with Retry-After, like every limit; the message is what the visitor's widget shows:
 * the chat is busy and when to try again — never which limit.
 */
export class LiveChatBusy extends RateLimited {
  constructor(retryAfterSeconds: number, what: "visitor" | "queue") {
    super(retryAfterSeconds);
    this.message =
      what === "visitor"
        ? `The chat is very busy right now. Please try again in ${describeWait(retryAfterSeconds)}.`
        : `Many people are asking for an agent right now. Please try again in ${describeWait(retryAfterSeconds)}. ` +
          "You can still write here: your messages are received.";
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * An IPv6 /48 may have this many times an address's (its /64's) limit: one person with a home /56 or a
 * server's /48 holds hundreds of /64s, and without it could use up the tenant's limit, closing the chat to
 * everyone (50 /64s did it for new visitors at the defaults).
 */
export const NETWORK_LIMIT_MULTIPLE = 4;

/** Counts one event against a per-address, a per-network (IPv6 /48) and a per-tenant limit, refusing past any. */
async function admit(
  kind: "new-visitor" | "queue-entry",
  tenantId: string,
  address: string,
  perAddress: number,
  perTenant: number,
): Promise<number | null> {
  const addressRule: RateLimitRule = {
    name: `live-chat:${kind}:address`,
    limit: perAddress,
    windowSeconds: ADDRESS_WINDOW_SECONDS,
  };
  const tenantRule: RateLimitRule = {
    name: `live-chat:${kind}:tenant`,
    limit: perTenant,
    windowSeconds: TENANT_WINDOW_SECONDS,
  };
  const networkRule: RateLimitRule = {
    name: `live-chat:${kind}:network`,
    limit: perAddress * NETWORK_LIMIT_MULTIPLE,
    windowSeconds: ADDRESS_WINDOW_SECONDS,
  };
  // Each limit counted in turn; a refusal gives back what the narrower ones counted (not charged for a visitor
  // it did not get).
  const taken: Array<[RateLimitRule, string]> = [];
  const network = networkLimitSubject(address);
  for (const [rule, subject] of [
    [addressRule, `${tenantId}:${addressLimitSubject(address)}`],
    ...(network ? [[networkRule, `${tenantId}:${network}`] as const] : []),
    [tenantRule, tenantId],
  ] as const) {
    const counted = await reserveRateLimit(rule, subject);
    if (!counted.allowed) {
      await Promise.all(taken.map(([r, s]) => refundRateLimit(r, s)));
      return counted.retryAfterSeconds;
    }
    taken.push([rule, subject]);
  }
  return null;
}

/** Before a new visitor id is issued (POST /api/widget/session without a visitor cookie). */
export async function admitNewVisitor(tenant: { id: string } & FloodLimits, address: string): Promise<void> {
  const wait = await admit(
    "new-visitor",
    tenant.id,
    address,
    tenant.liveChatNewVisitorsPerAddress,
    tenant.liveChatNewVisitorsPerTenant,
  );
  if (wait !== null) throw new LiveChatBusy(wait, "visitor");
}

/** Before a visitor's chat joins the agent queue ("Talk to an agent"). */
export async function admitQueueEntry(db: DbOrTx, tenantId: string, address: string): Promise<void> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: floodLimitsSelect });
  if (!tenant) throw new NotFound("chat");
  const wait = await admit(
    "queue-entry",
    tenantId,
    address,
    tenant.liveChatQueueEntriesPerAddress,
    tenant.liveChatQueueEntriesPerTenant,
  );
  if (wait !== null) throw new LiveChatBusy(wait, "queue");
}

export async function getFloodLimits({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<FloodLimits> {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  return db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: floodLimitsSelect });
}

export const updateFloodLimits = defineUseCase({
  inputName: "flood limits",
  input: floodLimitsSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "tenant.settings", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, limits): Promise<FloodLimits> => {
    return db.$transaction(async (tx) => {
      const updated = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: limits,
        select: floodLimitsSelect,
      });
      await recordAudit(tx, actor, {
        action: "tenant.live_chat_flood_limits_updated",
        targetType: "tenant",
        targetId: actor.tenantId,
        data: limits,
      });
      return updated;
    });
  },
});
