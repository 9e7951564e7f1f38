// Working hours: a weekly schedule in the tenant's time zone. Outside it, connect-to-agent answers
// IsOutsideWorkingHours. Pure and client-safe (the settings page previews with it).
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM (00:00–24:00)");

export const workingHoursSchema = z
  .record(
    z.enum(WEEKDAYS),
    z.array(z.object({ from: time, to: time }).refine((r) => r.from < r.to, "from must be before to")).max(6),
  )
  .nullable();

export type WorkingHours = z.infer<typeof workingHoursSchema>;

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** The weekday and HH:MM of `now` in `timeZone`. */
export function localWeekdayAndTime(now: Date, timeZone: string): { weekday: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { weekday: WEEKDAY_BY_SHORT_NAME[get("weekday")] ?? "mon", time: `${get("hour")}:${get("minute")}` };
}

/** True when `now` falls in one of the day's ranges; no schedule means always open. */
export function isWithinWorkingHours(schedule: WorkingHours | undefined, timeZone: string, now: Date): boolean {
  if (!schedule) return true;
  const { weekday, time: local } = localWeekdayAndTime(now, timeZone);
  return (schedule[weekday] ?? []).some((range) => range.from <= local && local < range.to);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}
