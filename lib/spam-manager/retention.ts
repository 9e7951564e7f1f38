// The Spam Manager's retention: occurrences older than each tenant's window (spamRetentionDays) are
// purged unless their string is on the Allow or Deny list; then strings left with no occurrence and no
// list entry go too. Messages are never touched. Runs hourly through lib/jobs/scheduler.ts.
import "server-only";
import type { Db } from "@/lib/db";
import type { Job } from "@/lib/jobs/scheduler";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteOrphanSpamStrings } from "./orphan-strings";

const BATCH = 5000;

export interface SpamRetentionResult {
  occurrencesDeleted: number;
  stringsDeleted: number;
}

export async function purgeSpamOccurrences(db: Db, now: Date): Promise<SpamRetentionResult> {
  let occurrencesDeleted = 0;
  let stringsDeleted = 0;
  // Batches keep each statement (and its locks) short on big tenants.
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "SpamStringOccurrence" WHERE "id" IN (
        SELECT o."id"
        FROM "SpamStringOccurrence" o
        JOIN "Tenant" t ON t."id" = o."tenantId"
        JOIN "SpamString" s ON s."id" = o."spamStringId"
        WHERE o."createdAt" < ${now}::timestamptz - make_interval(days => t."spamRetentionDays")
          AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = s."tenantId" AND e."kind" = s."kind"
            AND e."value" = s."value")
        LIMIT ${BATCH})`;
    occurrencesDeleted += deleted;
    if (deleted < BATCH) break;
  }
  for (;;) {
    // Strings last seen before the window, with no occurrence left (taken above) and no list entry.
    const deleted = await deleteOrphanSpamStrings(
      db,
      Prisma.sql`s."lastSeenAt" < ${now}::timestamptz - make_interval(days => t."spamRetentionDays")`,
      BATCH,
    );
    stringsDeleted += deleted;
    if (deleted < BATCH) break;
  }
  return { occurrencesDeleted, stringsDeleted };
}

export const spamRetentionJob: Job = {
  name: "spam-retention",
  intervalMs: 60 * 60_000,
  run: async (db, now) => ({ ...(await purgeSpamOccurrences(db, now)) }),
};
