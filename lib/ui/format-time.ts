// Compact times for lists ("now", "5m", "3h", "Mon", "12 Mar", "12 Mar 2025") and full ones for tooltips.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function shortTime(iso: string, now = Date.now()): string {
  const at = new Date(iso);
  const age = now - at.getTime();
  if (age < MINUTE) return "now";
  if (age < HOUR) return `${Math.floor(age / MINUTE)}m`;
  if (age < DAY) return `${Math.floor(age / HOUR)}h`;
  if (age < 7 * DAY) return at.toLocaleDateString(undefined, { weekday: "short" });
  const sameYear = at.getFullYear() === new Date(now).getFullYear();
  return at.toLocaleDateString(undefined, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** "Today", "Yesterday" or the date: the separators in a timeline. */
export function dayLabel(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (at.getTime() >= startOfToday) return "Today";
  if (at.getTime() >= startOfToday - DAY) return "Yesterday";
  return at.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

/** "2026-12-04 16:50 UTC": the same on the server and in every browser (before the viewer's zone is known). */
export function utcTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
