"use client";

import { fullTime, shortTime } from "@/lib/ui/format-time";

/** A time in the viewer's own time zone: rendered again in the browser, hence suppressHydrationWarning. */
export function LocalTime({ iso, compact = false }: { iso: string; compact?: boolean }) {
  return (
    <time dateTime={iso} title={fullTime(iso)} suppressHydrationWarning>
      {compact ? shortTime(iso) : fullTime(iso)}
    </time>
  );
}
