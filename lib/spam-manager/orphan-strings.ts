// Deleting spam strings left with no occurrence and no list entry (retention, re-extraction) without ever
// taking an occurrence with them. Ingest inserts an occurrence of a string it knows without touching the
// string's row (lib/spam-manager/known-spam-strings.ts); the occurrence's foreign-key check locks that row
// (FOR KEY SHARE) until the message's statement commits. So the rows are locked first (FOR UPDATE, which
// waits for such a message to commit, skipping rows a message holds now) and checked for occurrences in a
// second statement, whose snapshot sees every occurrence committed before the lock; none can be added until
// the deletion commits, and a message that then finds its string gone records it anew.
import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const noOccurrenceNorEntry = Prisma.sql`
  NOT EXISTS (SELECT 1 FROM "SpamStringOccurrence" o WHERE o."spamStringId" = s."id")
  AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = s."tenantId" AND e."kind" = s."kind"
    AND e."value" = s."value")`;

/**
 * Deletes up to `limit` strings that match `candidates` (a condition on "SpamString" s, joined with
 * "Tenant" t) and have no occurrence and no list entry. Returns how many were deleted.
 */
export async function deleteOrphanSpamStrings(db: Db, candidates: Prisma.Sql, limit: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT s."id" FROM "SpamString" s JOIN "Tenant" t ON t."id" = s."tenantId"
       WHERE ${candidates} AND ${noOccurrenceNorEntry}
       ORDER BY s."tenantId", s."kind", s."value"
       LIMIT ${limit}
         FOR UPDATE OF s SKIP LOCKED`;
    if (!locked.length) return 0;
    return tx.$executeRaw`
      DELETE FROM "SpamString" s
       WHERE s."id" = ANY(${locked.map((row) => row.id)}::text[]) AND ${noOccurrenceNorEntry}`;
  });
}
