// The reader's date range: `from` and `to` are calendar days in the reader's time zone (the page sends the
// browser's), or exact ISO-8601 times. A day `to` includes that whole day. Pure, so unit-tested.
import { isValidTimeZone } from "@/lib/live-chat/working-hours";
import { isCursorTime } from "@/lib/db/cursor";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An offset is required: a time without one would be read in the server's zone.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = utcDay(y, m - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Midnight UTC of a day: Date.UTC would read years 0–99 as 1900–1999. */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

export function isTime(value: string): boolean {
  return TIME.test(value) && isCursorTime(Date.parse(value));
}

export { isValidTimeZone };

/**
 * The offset of `timeZone` from UTC at `at`, in ms (Europe/Berlin in winter: +3,600,000). Taken within 1970–9999
 * (an entry's times): before, zones are local mean times and years BC, which no query needs.
 */
function offsetAt(instant: Date, timeZone: string): number {
  const at = new Date(Math.min(Math.max(instant.getTime(), 0), Date.UTC(9999, 11, 31)));
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The first instant of a calendar day (YYYY-MM-DD) in `timeZone`, plus `addDays`. */
export function startOfDay(day: string, timeZone: string, addDays = 0): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnightUtc = utcDay(y, m - 1, d + addDays).getTime();
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let guess = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  guess = midnightUtc - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** `from` (inclusive) and `to` (exclusive) as instants; days in an unknown zone are read in UTC. */
export function rangeOf(
  { from, to }: { from?: string | undefined; to?: string | undefined },
  timeZone = "UTC",
): { gte?: Date; lt?: Date } {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  return {
    ...(from ? { gte: isDay(from) ? startOfDay(from, zone) : new Date(from) } : {}),
    ...(to ? { lt: isDay(to) ? startOfDay(to, zone, 1) : new Date(to) } : {}),
  };
}

// No entry is older than 1970 or newer than 9999: the query's bounds stay within them, so a day at either end
// read in a far zone (0001-01-01 in Tokyo is in year 0) never reaches the database as a time it refuses.
const EARLIEST = new Date("1970-01-01T00:00:00.000Z");
const LATEST = new Date("9999-12-31T00:00:00.000Z");

/** rangeOf, within the times an entry can have: what the query compares createdAt with. */
export function queryRangeOf(query: { from?: string | undefined; to?: string | undefined }, timeZone?: string) {
  const { gte, lt } = rangeOf(query, timeZone);
  return {
    ...(gte ? { gte: gte < EARLIEST ? EARLIEST : gte > LATEST ? LATEST : gte } : {}),
    ...(lt ? { lt: lt > LATEST ? LATEST : lt < EARLIEST ? EARLIEST : lt } : {}),
  };
}
