"use client";
// A row of tabs: links underlined when current (aria-current="page"), scrolling sideways where the row is
// wider than the screen, with the current tab kept in view and a fade over the edge that has more. The
// settings and Spam Manager sections (RouteTabNav: the current tab is the address's), the Live Chat
// Blacklist's statuses and the inbox's lists (TabNav: the page says which is current) all use it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from "react";
import { useCurrentTabInView } from "@/components/use-current-tab-in-view";

export interface TabNavItem {
  href: string;
  label: ReactNode;
  current: boolean;
  /** A count beside the label (e.g. how many chats a list holds). */
  count?: { value: number; testId?: string };
  /** Starts a new group of tabs: a gap before it where there is room. */
  groupStart?: boolean;
  testId?: string;
  title?: string;
  /** Handles a plain click itself (the inbox switches lists without a navigation); other clicks open the link. */
  onSelect?: () => void;
}

/**
 * `page`: a section's tabs under its title. `column`: the inbox's lists in their 20–25 rem column —
 * compact until the column (a CSS container) has room.
 */
type TabNavVariant = "page" | "column";

const WRAP: Record<TabNavVariant, string> = {
  page: "relative -mb-px mt-3",
  column: "relative -mb-px mt-2",
};
const ROW: Record<TabNavVariant, string> = {
  page: "flex gap-4 overflow-x-auto text-sm [scrollbar-width:none]",
  column: "flex overflow-x-auto [scrollbar-width:none] @min-[30rem]:gap-1",
};
/** The fade over the edge a row scrolls on towards more tabs (there is no scrollbar to say so). */
const FADE = "pointer-events-none absolute top-0 bottom-0.5 w-8";
const TAB_BASE = [
  "flex items-center whitespace-nowrap border-b-2 border-transparent pb-2 text-slate-600 hover:text-slate-900",
  "aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-slate-900",
].join(" ");
const TAB: Record<TabNavVariant, string> = {
  page: `${TAB_BASE} gap-1.5 px-1`,
  column: `${TAB_BASE} gap-1 px-[3px] pt-1 text-xs @min-[30rem]:px-1.5 @min-[30rem]:text-[13px]`,
};
const COUNT: Record<TabNavVariant, string> = {
  page: "rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600",
  column:
    "rounded-full bg-slate-100 px-1 text-[11px] tabular-nums text-slate-600 @min-[30rem]:px-1.5 @min-[30rem]:text-xs",
};

/** A plain left click, which the page may handle itself; modifier keys and other buttons open the link as usual. */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function TabNav({
  label,
  tabs,
  variant = "page",
}: {
  /** The row's accessible name ("Settings", "Inbox lists"). */
  label: string;
  tabs: TabNavItem[];
  variant?: TabNavVariant;
}) {
  const nav = useRef<HTMLElement>(null);
  useCurrentTabInView(nav, tabs.find((tab) => tab.current)?.href ?? "");
  const more = useMoreTabsBeyond(nav, tabs.map((tab) => tab.href).join(" "));
  return (
    <div className={WRAP[variant]}>
      {more.before && <span aria-hidden className={`${FADE} left-0 bg-linear-to-r from-white`} />}
      {more.after && (
        <span aria-hidden className={`${FADE} right-0 bg-linear-to-l from-white`} data-testid="tabs-more" />
      )}
      <nav ref={nav} aria-label={label} className={ROW[variant]}>
        {tabs.map((tab) => {
          const body = (
            <>
              {tab.label}
              {tab.count && (
                <span className={COUNT[variant]} data-testid={tab.count.testId}>
                  {tab.count.value}
                </span>
              )}
            </>
          );
          const { onSelect } = tab;
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={tab.current ? "page" : undefined}
              data-testid={tab.testId}
              title={tab.title}
              className={`${TAB[variant]}${tab.groupStart ? " sm:ml-3" : ""}`}
              // A tab the page switches itself is no route to prefetch; its plain click is the page's.
              prefetch={onSelect ? false : undefined}
              onClick={
                onSelect &&
                ((event) => {
                  if (!isPlainClick(event)) return;
                  event.preventDefault();
                  onSelect();
                })
              }
            >
              {body}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}

/** Whether the row holds tabs out of sight before or after what it shows (it scrolls sideways to them). */
function useMoreTabsBeyond(nav: RefObject<HTMLElement | null>, tabsKey: string): { before: boolean; after: boolean } {
  const [more, setMore] = useState({ before: false, after: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: tabsKey — new tabs are new children to watch (via the DOM)
  useEffect(() => {
    const row = nav.current;
    if (!row) return;
    const update = () => {
      const before = row.scrollLeft > 1;
      const after = row.scrollLeft + row.clientWidth < row.scrollWidth - 1;
      setMore((was) => (was.before === before && was.after === after ? was : { before, after }));
    };
    update();
    row.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(row);
    for (const tab of row.children) observer.observe(tab);
    return () => {
      row.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, [nav, tabsKey]);
  return more;
}

/** A section's tabs, one per page: the current one is the page at (or under) the address. */
export function RouteTabNav({
  label,
  tabs,
}: {
  label: string;
  tabs: ReadonlyArray<{ href: string; label: string; groupStart?: boolean }>;
}) {
  const pathname = usePathname();
  return (
    <TabNav
      label={label}
      tabs={tabs.map((tab) => ({
        ...tab,
        current: pathname === tab.href || pathname.startsWith(`${tab.href}/`),
      }))}
    />
  );
}
