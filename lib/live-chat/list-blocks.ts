// The tenant's Live Chat Blacklist: blocks newest first, filtered by status (computed from times:
// active until blockedUntil, then expired; lifted once someone unblocked) and by user. Supervisors,
// admins and API keys; agents may not (they see a user's own block on the user card).
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/policy";
import { Forbidden } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { liveChatBlockSelect, type LiveChatBlockView } from "./block-view";
import { toBlockViews } from "./block-records";
import { defineUseCase, type ReadContext } from "@/lib/use-case";
import { containsText } from "@/lib/db/text-search";

export const BLOCK_LIST_STATUSES = ["active", "expired", "lifted", "all"] as const;
export type BlockListStatus = (typeof BLOCK_LIST_STATUSES)[number];

export const listBlocksQuerySchema = z.object({
  status: z
    .enum(BLOCK_LIST_STATUSES, { error: () => `must be one of ${BLOCK_LIST_STATUSES.join(", ")}` })
    .default("active"),
  /** Part of the user's name or external id. */
  q: z.string().trim().max(200).optional(),
  /** authenticated: the Live Chat Blacklist of signed-in users; anonymous: per-conversation blocks. */
  kind: z
    .enum(["authenticated", "anonymous", "all"], { error: () => "must be authenticated, anonymous or all" })
    .default("all"),
  contactId: z.string().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export function assertMayViewBlocks(actor: Actor): void {
  // The page and the API share the rule of the navigation: supervisors and admins (and API keys).
  if (!can(actor, "liveChatBlocks.view", { tenantId: actor.tenantId })) {
    throw new Forbidden("Only supervisors and admins can see the Live Chat Blacklist.");
  }
}

export function statusWhere(status: BlockListStatus, now: Date): Prisma.LiveChatBlockWhereInput {
  switch (status) {
    case "active":
      return { unblockedAt: null, blockedUntil: { gt: now } };
    case "expired":
      return { unblockedAt: null, blockedUntil: { lte: now } };
    case "lifted":
      return { unblockedAt: { not: null } };
    case "all":
      return {};
  }
}

export const listLiveChatBlocks = defineUseCase({
  inputName: "query",
  input: listBlocksQuerySchema,
  authorize: ({ actor }: ReadContext) => assertMayViewBlocks(actor),
  run: async (
    { db, actor, now = new Date() },
    { status, q, kind, contactId, cursor, limit },
  ): Promise<{ items: LiveChatBlockView[]; nextCursor: string | null }> => {
    const and: Prisma.LiveChatBlockWhereInput[] = [{ tenantId: actor.tenantId }, statusWhere(status, now)];
    if (kind !== "all") and.push({ authenticated: kind === "authenticated" });
    if (contactId) and.push({ contactId });
    if (q) {
      const contacts = await db.contact.findMany({
        where: {
          tenantId: actor.tenantId,
          OR: [{ name: containsText(q) }, { externalId: containsText(q) }],
        },
        select: { id: true },
        take: 1000,
      });
      and.push({ contactId: { in: contacts.map((c) => c.id) } });
    }
    if (cursor) {
      const { at, id } = decodeCursor(cursor);
      and.push({ OR: [{ blockedAt: { lt: at } }, { blockedAt: at, id: { lt: id } }] });
    }
    const rows = await db.liveChatBlock.findMany({
      where: { AND: and },
      orderBy: [{ blockedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: liveChatBlockSelect,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await toBlockViews(db, actor.tenantId, page, now),
      nextCursor: rows.length > limit && last ? encodeCursor(last.blockedAt, last.id) : null,
    };
  },
});

/** Counts for the page's filter tabs. */
export async function countLiveChatBlocks({
  db,
  actor,
  now = new Date(),
}: ReadContext): Promise<Record<"active" | "expired" | "lifted", number>> {
  assertMayViewBlocks(actor);
  const [active, expired, lifted] = await Promise.all(
    (["active", "expired", "lifted"] as const).map((status) =>
      db.liveChatBlock.count({ where: { tenantId: actor.tenantId, ...statusWhere(status, now) } }),
    ),
  );
  return { active: active!, expired: expired!, lifted: lifted! };
}
