"use client";
// A row of tabs wider than a phone scrolls sideways: keep the page's own tab in view, so the current
// place is never the one cut off at the edge.
import { useEffect, type RefObject } from "react";

export function useCurrentTabInView(nav: RefObject<HTMLElement | null>, key: string) {
  useEffect(() => {
    const row = nav.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !current) return;
    const start = current.offsetLeft - row.offsetLeft;
    if (start < row.scrollLeft || start + current.offsetWidth > row.scrollLeft + row.clientWidth) {
      row.scrollLeft = start - (row.clientWidth - current.offsetWidth) / 2;
    }
  }, [nav, key]);
}
