"use client";

import { LocalTime as SharedLocalTime } from "@/components/local-time";

/** A time in the viewer's own time zone, rendered in the browser (components/local-time.tsx). */
export function LocalTime({ iso, compact = false }: { iso: string; compact?: boolean }) {
  return <SharedLocalTime iso={iso} format={compact ? "relative" : "full"} />;
}
