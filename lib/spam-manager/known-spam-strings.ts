// What this instance knows of the tenants' spam strings, so that a string seen again — every message of a
// flood repeats the same link — costs its message an occurrence row and nothing more:
// - the SpamString id of each recently recorded (tenant, kind, value): a message of a known string inserts
//   its occurrence with that id, with no upsert of the string's row. The occurrence's foreign key is the
//   check that the row still exists: when retention or a re-extraction deleted it meanwhile, the statement
//   fails with a foreign-key violation and the recording forgets the ids and runs again with the upsert
//   (lib/spam-manager/record-spam-strings.ts). Those deletions lock a string's row before they check that
//   it has no occurrence (deleteOrphanSpamStrings), so an occurrence is never inserted under a string
//   being deleted.
// - the string's last sighting: written behind (lib/db/write-behind.ts), once a second for all of them,
//   never an UPDATE of the string's row per message — a flood rewrote the same row (and its three indexes)
//   for each of its messages, and every message of it waited for that row's lock.
import "server-only";
import { BoundedMap } from "@/lib/bounded-map";
import { laterOf, writeBehind } from "@/lib/db/write-behind";
import type { MessageSpamString } from "./conventions";

type StringKey = Pick<MessageSpamString, "kind" | "value">;

/** The latest strings recorded on this instance, over all tenants. */
const knownIds = new BoundedMap<string, string>(20_000);
const keyOf = (tenantId: string, { kind, value }: StringKey) => `${tenantId}\u0000${kind}\u0000${value}`;

export function knownSpamStringId(tenantId: string, string: StringKey): string | undefined {
  return knownIds.get(keyOf(tenantId, string));
}

export function rememberSpamStringIds(tenantId: string, rows: ReadonlyArray<StringKey & { id: string }>): void {
  for (const row of rows) knownIds.set(keyOf(tenantId, row), row.id);
}

export function forgetSpamStringIds(tenantId: string, strings: readonly StringKey[]): void {
  for (const string of strings) knownIds.delete(keyOf(tenantId, string));
}

const sightings = writeBehind<Date>({
  name: "spam-string sightings",
  merge: laterOf,
  // Rows locked in the order ingest's upsert locks them (tenant, kind, value), so that this statement and
  // a message's never wait for each other in a cycle; lastSeenAt only moves forward.
  write: (db, seen) =>
    db.$executeRawUnsafe(
      `WITH seen AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS v("id", "at")),
            locked AS (
              SELECT s."id", seen."at" FROM "SpamString" s JOIN seen ON seen."id" = s."id"
               WHERE s."lastSeenAt" < seen."at"
               ORDER BY s."tenantId", s."kind", s."value" FOR NO KEY UPDATE OF s)
       UPDATE "SpamString" s SET "lastSeenAt" = GREATEST(s."lastSeenAt", locked."at")
         FROM locked WHERE s."id" = locked."id"`,
      seen.map(([id]) => id),
      seen.map(([, at]) => at.toISOString()),
    ),
});

/** A known string was seen again at `at` (its lastSeenAt is written within a second). */
export function noteSpamStringSighting(id: string, at: Date): void {
  sightings.add(id, at);
}

/** Writes the sightings noted so far (tests that read lastSeenAt). Never throws. */
export function flushSpamStringSightings(): Promise<void> {
  return sightings.flush();
}
