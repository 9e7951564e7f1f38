// The one shape of a ban in the Blacklist page, the API and CSV exports.
import type { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";
import { BAN_SOURCES } from "./ban-schemas";

export const banSelect = {
  id: true,
  channel: true,
  identifier: true,
  reason: true,
  source: true,
  contactId: true,
  conversationId: true,
  createdById: true,
  createdByName: true,
  createdAt: true,
  expiresAt: true,
  deactivatedAt: true,
  deactivatedById: true,
  deactivatedByName: true,
  activeSlot: true,
  hitCount: true,
  lastHitAt: true,
} satisfies Prisma.BanSelect;

export type BanRow = Prisma.BanGetPayload<{ select: typeof banSelect }>;

export const banViewSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  identifier: z.string().describe("normalized: E.164, lower-case email, exact id"),
  reason: z.string(),
  source: z.enum(BAN_SOURCES),
  contact: z.object({ id: z.string(), name: z.string() }).nullable(),
  conversationId: z.string().nullable(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  /** active: in force; inactive: deactivated by someone; expired: past its expiry (counts as inactive). */
  status: z.enum(["active", "inactive", "expired"]),
  deactivatedAt: z.string().nullable(),
  deactivatedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  hitCount: z.number(),
  lastHitAt: z.string().nullable(),
});
export type BanView = z.infer<typeof banViewSchema>;

/** A ban just made, with what it did. */
export const createdBanViewSchema = banViewSchema.extend({
  closedConversations: z.number().describe("ongoing conversations of the client on that channel, closed by the ban"),
});

export function banStatus(row: Pick<BanRow, "activeSlot" | "expiresAt">, now: Date): BanView["status"] {
  if (!row.activeSlot) return "inactive";
  return row.expiresAt && row.expiresAt <= now ? "expired" : "active";
}

export function toBanView(row: BanRow, contactNames: Map<string, string>, now: Date): BanView {
  return {
    id: row.id,
    channel: row.channel,
    identifier: row.identifier,
    reason: row.reason,
    source: row.source,
    contact: row.contactId ? { id: row.contactId, name: contactNames.get(row.contactId) ?? "Unknown contact" } : null,
    conversationId: row.conversationId,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    status: banStatus(row, now),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    deactivatedBy: row.deactivatedAt ? { id: row.deactivatedById, name: row.deactivatedByName ?? "?" } : null,
    hitCount: row.hitCount,
    lastHitAt: row.lastHitAt?.toISOString() ?? null,
  };
}

/** "In force" as a query: the active slot and not past its expiry. */
export function activeBanWhere(now: Date): Prisma.BanWhereInput {
  return { activeSlot: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export function inactiveBanWhere(now: Date): Prisma.BanWhereInput {
  return { OR: [{ activeSlot: null }, { expiresAt: { lte: now } }] };
}
