// Ids for rows written outside Prisma's defaults (raw SQL, createMany, ids needed before the insert):
// UUIDv7 like the schema's `uuid(7)` defaults, so they sort by creation time.
import { v7 } from "uuid";

/** A time-ordered id; `now` (epoch ms) when the row's time is not the present. */
export function uuidv7(now: number = Date.now()): string {
  return v7({ msecs: now });
}
