// Ban and live-chat block hits ("refused N times, last at T") are counted in memory and written once a
// second (lib/db/write-behind.ts), one statement per table for all the hits since the last write — never
// an UPDATE of the same Ban row in every refused message's transaction (banned traffic would serialize on
// that row lock). The counts are statistics, so each instance adds its own.
import "server-only";
import { laterOf, writeBehind, type WriteBehind } from "@/lib/db/write-behind";

interface Hits {
  count: number;
  lastHitAt: Date;
}

function hitCounter(table: "Ban" | "LiveChatBlock"): WriteBehind<Hits> {
  return writeBehind<Hits>({
    name: `${table} hits`,
    merge: (earlier, later) => ({
      count: earlier.count + later.count,
      lastHitAt: laterOf(earlier.lastHitAt, later.lastHitAt),
    }),
    write: (db, hits) =>
      db.$executeRawUnsafe(
        `UPDATE "${table}" AS t SET "hitCount" = t."hitCount" + h.n, "lastHitAt" = GREATEST(t."lastHitAt", h.at)
           FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS h(id, n, at) WHERE t."id" = h.id`,
        hits.map(([id]) => id),
        hits.map(([, h]) => h.count),
        hits.map(([, h]) => h.lastHitAt.toISOString()),
      ),
  });
}

const banHits = hitCounter("Ban");
const blockHits = hitCounter("LiveChatBlock");

/** Counts a refusal on a ban (written within a second). */
export function countBanHit(banId: string, at: Date): void {
  banHits.add(banId, { count: 1, lastHitAt: at });
}

/** Counts a refusal on a live-chat block (written within a second). */
export function countBlockHit(blockId: string, at: Date): void {
  blockHits.add(blockId, { count: 1, lastHitAt: at });
}

/** Writes the hits counted so far (tests that read the counts). Never throws. */
export async function flushAdmissionHits(): Promise<void> {
  await Promise.all([banHits.flush(), blockHits.flush()]);
}
