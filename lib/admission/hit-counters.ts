// Ban and live-chat block hits ("refused N times, last at T") are counted here and written once a
// second, one statement per table for all the hits since the last write — never an UPDATE of the same
// Ban row in every refused message's transaction (banned traffic would serialize on that row lock).
// Written also when the server stops (server.ts); a crash loses at most the last second's counts,
// never a message. The counts are statistics, so each instance adds its own.
import "server-only";
import { getDb } from "@/lib/db";

export const HIT_FLUSH_INTERVAL_MS = 1_000;

interface Hits {
  count: number;
  lastHitAt: Date;
}

type Table = "Ban" | "LiveChatBlock";

interface PendingHits {
  Ban: Map<string, Hits>;
  LiveChatBlock: Map<string, Hits>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
}

// One set per process: server.ts and the Next route bundle each load this module.
const shared = globalThis as typeof globalThis & { __bouncerHits?: PendingHits };
shared.__bouncerHits ??= { Ban: new Map(), LiveChatBlock: new Map() };
const pending: PendingHits = shared.__bouncerHits;

function count(table: Table, id: string, at: Date): void {
  const hits = pending[table].get(id);
  if (hits) {
    hits.count++;
    if (at > hits.lastHitAt) hits.lastHitAt = at;
  } else pending[table].set(id, { count: 1, lastHitAt: at });
  if (!pending.timer) {
    pending.timer = setTimeout(() => void flushAdmissionHits(), HIT_FLUSH_INTERVAL_MS);
    pending.timer.unref?.();
  }
}

/** Counts a refusal on a ban (written within a second). */
export function countBanHit(banId: string, at: Date): void {
  count("Ban", banId, at);
}

/** Counts a refusal on a live-chat block (written within a second). */
export function countBlockHit(blockId: string, at: Date): void {
  count("LiveChatBlock", blockId, at);
}

/** Writes the hits counted so far (the timer, shutdown, and tests that read the counts). Never throws. */
export async function flushAdmissionHits(): Promise<void> {
  await pending.flushing;
  clearTimeout(pending.timer);
  pending.timer = undefined;
  const batches = (["Ban", "LiveChatBlock"] as const).map((table) => {
    const hits = [...pending[table]];
    pending[table].clear();
    return { table, hits };
  });
  if (batches.every((batch) => !batch.hits.length)) return;
  pending.flushing = (async () => {
    const db = await getDb();
    for (const { table, hits } of batches) {
      if (!hits.length) continue;
      try {
        await db.$executeRawUnsafe(
          `UPDATE "${table}" AS t SET "hitCount" = t."hitCount" + h.n, "lastHitAt" = GREATEST(t."lastHitAt", h.at)
             FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS h(id, n, at) WHERE t."id" = h.id`,
          hits.map(([id]) => id),
          hits.map(([, h]) => h.count),
          hits.map(([, h]) => h.lastHitAt.toISOString()),
        );
      } catch (error) {
        console.error(
          `[admission] could not write ${table} hit counts:`,
          error instanceof Error ? error.message : error,
        );
      }
    }
  })();
  await pending.flushing;
}
