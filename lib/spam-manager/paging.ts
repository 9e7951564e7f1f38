// Paging for the Spam Manager's lists: who may read them, page-size rules, search, and pages (cursors:
// lib/db/cursor.ts).
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { decodeKeyset, encodeKeyset, keysetPagingQuery } from "@/lib/db/cursor";
import type { ReadContext } from "@/lib/use-case";
import { spamWindowStart } from "./window";
import { flushSpamStringSightings } from "./known-spam-strings";

// The keyset codec is lib/db/cursor.ts's (re-exported for the Spam Manager's lists).
export { decodeKeyset, encodeKeyset };

export const PAGE_SIZE = 50;

/** The Spam Manager's lists are the moderators' (checked before a query is parsed). */
export function mayModerate({ actor }: { actor: Actor }): void {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
}

export const pagingSchema = keysetPagingQuery(PAGE_SIZE);

export const searchSchema = z.string().trim().max(200, "must be at most 200 characters").optional();

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Rows after a cursor of a list ordered newest first by (createdAt, id), whose pages are
 * `pageOf(rows, limit, (row) => [row.createdAt, row.id])`: a `where.OR`.
 */
export function createdBefore(cursor: string): Array<{ createdAt: Date | { lt: Date }; id?: { lt: string } }> {
  const [at, id] = decodeKeyset(cursor, ["n", "s"]) as [number, string];
  return [{ createdAt: { lt: new Date(at) } }, { createdAt: new Date(at), id: { lt: id } }];
}

/** The page and the cursor of the next one, from `limit + 1` fetched rows. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keysOf: (row: T) => Array<number | string | Date>,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset(keysOf(last)) : null };
}

/**
 * What a tab's statement starts from: the tenant, the start of its window, the search (`searchIn` ILIKE the
 * text) and the keyset bound of the cursor (`after`). The strings' last sightings this instance noted are
 * written first (they are written behind, lib/spam-manager/known-spam-strings.ts), so a tab shows what was
 * just posted here; another instance's, within a second.
 */
export async function tabQuery(
  { db, actor, now = new Date() }: ReadContext,
  { q, cursor }: { q?: string | undefined; cursor?: string | undefined },
  searchIn: Prisma.Sql,
  after: (cursor: string) => Prisma.Sql,
): Promise<{ tenantId: string; since: Date; search: Prisma.Sql; after: Prisma.Sql }> {
  const tenantId = actor.tenantId;
  await flushSpamStringSightings();
  return {
    tenantId,
    since: await spamWindowStart(db, tenantId, now),
    search: q ? Prisma.sql`AND ${searchIn} ILIKE ${containsPattern(q)}` : Prisma.empty,
    after: cursor ? after(cursor) : Prisma.empty,
  };
}
