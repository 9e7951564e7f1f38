// The one shape of a live-chat block in API answers, the Live Chat Blacklist page and the user card.
// Its status is computed from times, so expiry needs no job: a block is active until blockedUntil.
import type { Prisma } from "@/lib/generated/prisma/client";

export type LiveChatBlockStatus = "active" | "expired" | "lifted";

export interface LiveChatBlockView {
  id: string;
  contact: { id: string; name: string; externalId: string | null };
  /** Set for an anonymous visitor's block: it applies to that conversation only. */
  conversationId: string | null;
  authenticated: boolean;
  status: LiveChatBlockStatus;
  blockedAt: string;
  blockedUntil: string;
  reason: string;
  blockedBy: { id: string | null; name: string };
  savedToActivityData: boolean;
  unblockedAt: string | null;
  unblockedBy: { id: string; name: string } | null;
  /** admin (unblocked by an admin), flow (context set to null or now), api, superseded (a longer block replaced it). */
  unblockedVia: string | null;
  hitCount: number;
  lastHitAt: string | null;
}

export const liveChatBlockSelect = {
  id: true,
  tenantId: true,
  contactId: true,
  conversationId: true,
  authenticated: true,
  blockedAt: true,
  blockedUntil: true,
  reason: true,
  blockedById: true,
  blockedByName: true,
  savedToActivityData: true,
  unblockedAt: true,
  unblockedById: true,
  unblockedVia: true,
  hitCount: true,
  lastHitAt: true,
} satisfies Prisma.LiveChatBlockSelect;

export type LiveChatBlockRow = Prisma.LiveChatBlockGetPayload<{ select: typeof liveChatBlockSelect }>;

export function blockStatus(block: { unblockedAt: Date | null; blockedUntil: Date }, now: Date): LiveChatBlockStatus {
  if (block.unblockedAt) return "lifted";
  return block.blockedUntil > now ? "active" : "expired";
}

/** Who lifted a block, by agent id; "API key …" names are kept in the audit log only. */
export type NameLookup = Map<string, string>;

export function toBlockView(
  row: LiveChatBlockRow,
  contact: { id: string; name: string; externalId: string | null },
  names: NameLookup,
  now: Date,
): LiveChatBlockView {
  return {
    id: row.id,
    contact,
    conversationId: row.conversationId,
    authenticated: row.authenticated,
    status: blockStatus(row, now),
    blockedAt: row.blockedAt.toISOString(),
    blockedUntil: row.blockedUntil.toISOString(),
    reason: row.reason,
    blockedBy: { id: row.blockedById, name: row.blockedByName },
    savedToActivityData: row.savedToActivityData,
    unblockedAt: row.unblockedAt?.toISOString() ?? null,
    unblockedBy: row.unblockedById ? { id: row.unblockedById, name: names.get(row.unblockedById) ?? "Unknown agent" } : null,
    unblockedVia: row.unblockedVia,
    hitCount: row.hitCount,
    lastHitAt: row.lastHitAt?.toISOString() ?? null,
  };
}
