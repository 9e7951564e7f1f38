// The one shape of a live-chat block in API answers, the Live Chat Blacklist page and the user card.
// Its status is computed from times, so expiry needs no job: a block is active until blockedUntil.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

export const LIVE_CHAT_BLOCK_STATUSES = ["active", "expired", "lifted"] as const;
export type LiveChatBlockStatus = (typeof LIVE_CHAT_BLOCK_STATUSES)[number];

export const liveChatBlockViewSchema = z.object({
  id: z.string(),
  contact: z.object({ id: z.string(), name: z.string(), externalId: z.string().nullable() }),
  conversationId: z
    .string()
    .nullable()
    .describe("set for an anonymous visitor's block, which applies to that conversation only"),
  authenticated: z.boolean().describe("true: the user is on the tenant's Live Chat Blacklist"),
  status: z.enum(LIVE_CHAT_BLOCK_STATUSES).describe("computed from the times: active until blockedUntil"),
  blockedAt: z.string(),
  blockedUntil: z.string(),
  reason: z.string(),
  blockedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  savedToActivityData: z.boolean(),
  unblockedAt: z.string().nullable(),
  unblockedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** admin (unblocked by an admin), flow (context set to null or now), api, superseded (a longer block replaced it). */
  unblockedVia: z.enum(["admin", "api", "flow", "superseded"]).nullable(),
  hitCount: z.number().describe("refused connect attempts while in force"),
  lastHitAt: z.string().nullable(),
});
export type LiveChatBlockView = z.infer<typeof liveChatBlockViewSchema>;

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

/** The Live Chat Blacklist block in force for an authenticated user: what the user card's header shows. */
export interface LiveChatInForce {
  blockId: string;
  blockedUntil: string;
  blockedAt: string;
  reason: string;
  blockedBy: { id: string | null; name: string };
}

/** The newest Live Chat Blacklist block among these views that is active (as of their read). */
export function blockInForce(blocks: LiveChatBlockView[]): LiveChatInForce | null {
  const inForce = blocks
    .filter((b) => b.status === "active" && b.conversationId === null)
    .sort((a, b) => b.blockedUntil.localeCompare(a.blockedUntil))[0];
  return inForce
    ? {
        blockId: inForce.id,
        blockedUntil: inForce.blockedUntil,
        blockedAt: inForce.blockedAt,
        reason: inForce.reason,
        blockedBy: inForce.blockedBy,
      }
    : null;
}

/** A shown block's status at `now` (ms): lifted stays lifted; an active one expires at blockedUntil. */
export function blockStatusAt(
  block: Pick<LiveChatBlockView, "status" | "blockedUntil">,
  now: number,
): LiveChatBlockStatus {
  if (block.status !== "active") return block.status;
  return new Date(block.blockedUntil).getTime() > now ? "active" : "expired";
}

/** The version of a card's live-chat state: the newest start or lifting among its blocks. */
export function liveChatVersionOf(blocks: Pick<LiveChatBlockView, "blockedAt" | "unblockedAt">[]): string {
  let newest = new Date(0).toISOString();
  for (const block of blocks) for (const at of [block.blockedAt, block.unblockedAt]) if (at && at > newest) newest = at;
  return newest;
}

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
    unblockedBy: row.unblockedById
      ? { id: row.unblockedById, name: names.get(row.unblockedById) ?? "Unknown agent" }
      : null,
    // A text column written only with these values (unblock.ts, block-user.ts).
    unblockedVia: row.unblockedVia as LiveChatBlockView["unblockedVia"],
    hitCount: row.hitCount,
    lastHitAt: row.lastHitAt?.toISOString() ?? null,
  };
}
