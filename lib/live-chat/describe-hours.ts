// Working hours and block times for people: "Mon–Fri 09:00–17:00, Sat 10:00–14:00". Client-safe (the
// widget and the settings page use it).
import { WEEKDAYS, type Weekday, type WorkingHours } from "./working-hours";

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

/** Consecutive days with the same ranges are grouped; days without hours are left out. */
export function describeWorkingHours(schedule: WorkingHours): string {
  if (!schedule) return "Always open";
  const key = (day: Weekday) => (schedule[day] ?? []).map((r) => `${r.from}–${r.to}`).join(", ");
  const groups: Array<{ from: Weekday; to: Weekday; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const hours = key(day);
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  const open = groups.filter((g) => g.hours);
  if (!open.length) return "Closed every day";
  return open
    .map((g) => `${WEEKDAY_LABELS[g.from]}${g.from === g.to ? "" : `–${WEEKDAY_LABELS[g.to]}`} ${g.hours}`)
    .join("; ");
}

/** "Tue 24 Nov, 14:05" in the reader's own time zone and language. */
export function localDateTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}
