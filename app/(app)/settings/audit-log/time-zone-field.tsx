"use client";
// The filter's dates are the reader's days: the form sends the browser's time zone with them (the server
// cannot know it). Before hydration the field is empty and the server reads days in UTC.
import { useHydrated } from "@/components/local-time";

export function TimeZoneField() {
  const hydrated = useHydrated();
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : "";
  return zone ? <input type="hidden" name="timeZone" value={zone} /> : null;
}
