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
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isTime(value: string): boolean {
  return TIME.test(value) && isCursorTime(Date.parse(value));
}

export { isValidTimeZone };

/** The offset of `timeZone` from UTC at `at`, in ms (Europe/Berlin in winter: +3,600,000). */
function offsetAt(at: Date, timeZone: string): number {
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
  const midnightUtc = Date.UTC(y, m - 1, d + addDays);
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let guess = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  guess = midnightUtc - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** `from` (inclusive) and `to` (exclusive) as instants. */
export function rangeOf(
  { from, to }: { from?: string | undefined; to?: string | undefined },
  timeZone = "UTC",
): { gte?: Date; lt?: Date } {
  return {
    ...(from ? { gte: isDay(from) ? startOfDay(from, timeZone) : new Date(from) } : {}),
    ...(to ? { lt: isDay(to) ? startOfDay(to, timeZone, 1) : new Date(to) } : {}),
  };
}
