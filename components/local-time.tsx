"use client";
// Times as the viewer reads them: in their time zone and language, and relative ones ("5m") against
// one clock the whole page shares. The server knows neither the viewer's zone nor the moment the page
// hydrates, so anything that depends on them renders only in the browser: during the server render
// and hydration these hooks answer null / false (React renders exactly the same markup on both
// sides — no hydration error #418), and the browser's values follow straight after.
import { useSyncExternalStore } from "react";
import { clockTime, fullTime, shortTime, utcTime } from "@/lib/ui/format-time";

const noSubscription = () => () => {};

/** False during the server render and hydration, true once the page runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

// One clock for every relative time on the page: it ticks each 30 s while something shows one.
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let clockNow = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribeToClock(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    clockNow = Date.now();
    timer = setInterval(() => {
      clockNow = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The shared "now" (ms), or null during the server render and hydration. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribeToClock,
    () => clockNow,
    () => null,
  );
}

export type TimeFormat = "full" | "relative" | "clock";

/**
 * A time in the viewer's zone: `full` ("4 Dec 2026, 16:50"), `relative` ("now", "5m", "3h", "Mon",
 * "12 Mar") or `clock` ("16:50"). The full time is the tooltip of the shorter forms.
 */
export function LocalTime({
  iso,
  format = "full",
  className,
}: {
  iso: string;
  format?: TimeFormat;
  className?: string;
}) {
  const now = useNow();
  // Before the browser's zone is known: a space that keeps the line's height (timelines keep their scroll).
  const text =
    now === null
      ? "\u00a0"
      : format === "relative"
        ? shortTime(iso, now)
        : format === "clock"
          ? clockTime(iso)
          : fullTime(iso);
  return (
    <time dateTime={iso} title={now === null ? utcTime(iso) : fullTime(iso)} className={className}>
      {text}
    </time>
  );
}

/** fullTime in the browser; before hydration a zone-independent UTC form (for times inside sentences). */
export function useTimeFormatter(): (iso: string) => string {
  return useHydrated() ? fullTime : utcTime;
}
