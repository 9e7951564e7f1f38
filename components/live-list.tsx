"use client";
// A server-rendered list that follows what happens without a reload (the Spam Manager's tables, the Live
// Chat Blacklist, Settings → Blacklist, Sessions, Campaigns). Such a page is rendered from its URL (filters,
// sort, page, the open row), so a refresh is `router.refresh()` — the pattern the page's own buttons use: the
// same URL renders again, and React keeps the DOM it can (scroll, focus, typed text, an open panel). The server
// tells who may see the page what changed (counts, coalesced per tenant); a tab refreshes only for news it
// shows, at most once per interval and never while hidden (lib/realtime/refresh-scheduler.ts).
// Where a refresh would move rows under the viewer — a later page, an open row (`placeParams`), the pointer
// moving over the table, keyboard focus in it, a dialog, the table scrolled out of sight — the news waits in
// a "12 new posts · Show" button instead of reshuffling what they are looking at.
// The page marks its tables' container with data-live-region, and the element that scrolls them with
// data-live-scroll; rows that are not a <table> (a list of links) carry data-live-rows.
import { useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRealtime } from "@/lib/realtime/use-realtime";
import type { ServerToClientEvents } from "@/lib/realtime/events";
import { RefreshScheduler, type PendingNews } from "@/lib/realtime/refresh-scheduler";
import { ConnectionBadge } from "@/components/connection-badge";

type NewsEventName = Exclude<keyof ServerToClientEvents, "session.ready">;

/**
 * Which realtime events are news for a page: for each, how many new items it brings (0: news without a
 * count, e.g. a lifted block) or null when it does not touch what the page shows.
 */
export type LiveNews = {
  [E in NewsEventName]?: (event: Parameters<ServerToClientEvents[E]>[0]) => number | null;
};

export interface LiveListProps {
  /** The events that are news here (none: the page shows nothing live, e.g. a Spam Manager settings tab). */
  news: LiveNews;
  /** URL parameters that mean "I am somewhere in particular" (a later page, an open row): news waits for them. */
  placeParams: readonly string[];
  /** The waiting news's button, for `count` new items (0: news without a count). */
  newsLabel: (count: number) => string;
  /** The "Live" badge's title. */
  liveTitle: string;
  /**
   * When something the page shows changes by the clock alone (a ban or a block it shows runs out; ISO time):
   * that is news too, and no event tells it.
   */
  refreshAt?: string | null;
  testId: string;
}

/** What holds a page's rows in its live region: its tables, and lists of rows marked data-live-rows. */
const ROWS = "table, [data-live-rows]";

/** A pointer that moved over a table this recently may be about to click a row: the rows hold still. */
const POINTER_SETTLE_MS = 1_500;

/** A hold by the pointer or a dialog shows the "N new" button only when it lasts this long. */
const PASSING_HOLD_MS = 2_000;

/** How long the "Updated" cue stays after a refresh. */
const UPDATED_CUE_MS = 4_000;

/** A row's status changes a little after its time, so the server's render sees it changed. */
const CLOCK_NEWS_DELAY_MS = 1_000;

/** Beyond this a timer is not worth keeping (and setTimeout cannot hold ~25 days): the next news refreshes. */
const CLOCK_NEWS_HORIZON_MS = 24 * 3_600_000;

export function LiveList({ news, placeParams, newsLabel, liveTitle, refreshAt, testId }: LiveListProps) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const listening = Object.keys(news).length > 0;
  const [pending, setPending] = useState<PendingNews | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [lastRefreshMs, setLastRefreshMs] = useState<number | null>(null);

  // router.refresh() in a transition: done when the transition is.
  const [refreshing, startTransition] = useTransition();
  const refreshDone = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (refreshing || !refreshDone.current) return;
    const done = refreshDone.current;
    refreshDone.current = null;
    done();
  }, [refreshing]);

  const place = useRef({ listening, pinned: false });
  place.current = { listening, pinned: placeParams.some((name) => searchParams.has(name)) };
  const pointerMovedAt = useRef(0);

  const [scheduler] = useState(
    () =>
      new RefreshScheduler({
        refresh: () =>
          new Promise<void>((resolve) => {
            // A transition that never reports (it should) must not stop live updates for good.
            const fallback = setTimeout(resolve, 15_000);
            refreshDone.current = () => {
              clearTimeout(fallback);
              resolve();
            };
            startTransition(() => router.refresh());
          }),
        mayApply: () => !place.current.pinned && !tableInUse(pointerMovedAt.current),
        visible: () => document.visibilityState === "visible",
        onPending: setPending,
        onRefreshed: (at, durationMs) => {
          setUpdatedAt(at);
          setLastRefreshMs(durationMs);
        },
      }),
  );
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  // Another tab, filter, page or row: the page was just rendered from the server.
  const location = `${pathname}?${searchParams.toString()}`;
  useEffect(() => {
    scheduler.rendered(location);
  }, [scheduler, location]);

  useEffect(() => {
    if (!refreshAt || !listening) return;
    const wait = Date.parse(refreshAt) - Date.now() + CLOCK_NEWS_DELAY_MS;
    if (!(wait > 0) || wait > CLOCK_NEWS_HORIZON_MS) return;
    const timer = setTimeout(() => scheduler.changed(0), wait);
    return () => clearTimeout(timer);
  }, [scheduler, refreshAt, listening]);

  useEffect(() => {
    const onVisibility = () => scheduler.visibilityChanged();
    const onPointer = (event: PointerEvent) => {
      if ((event.target as Element | null)?.closest?.(`[data-live-region] :is(${ROWS})`))
        pointerMovedAt.current = Date.now();
    };
    document.addEventListener("visibilitychange", onVisibility);
    document.addEventListener("pointermove", onPointer, { passive: true });
    document.addEventListener("pointerdown", onPointer, { passive: true });
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      document.removeEventListener("pointermove", onPointer);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [scheduler]);

  const connected = useRef(false);
  const handlers: Record<string, (event: never) => void> = {};
  for (const [name, count] of Object.entries(news) as Array<[NewsEventName, (event: never) => number | null]>) {
    handlers[name] = (event) => {
      const n = count(event);
      if (n !== null) scheduler.changed(n);
    };
  }
  const { state } = useRealtime({
    ...handlers,
    // The first connect follows the page's own render; a reconnect may have missed news.
    "session.ready": () => {
      if (connected.current && place.current.listening) scheduler.changed(0);
      connected.current = true;
    },
  });

  // The button shows at once where the viewer stays (a later page, an open row); a hold by moving the
  // pointer or a dialog mostly ends within a second or two, and a button flashing up and away would distract.
  const held = Boolean(pending?.held);
  const [showPending, setShowPending] = useState(false);
  useEffect(() => {
    if (!held) return setShowPending(false);
    if (place.current.pinned) return setShowPending(true);
    const timer = setTimeout(() => setShowPending(true), PASSING_HOLD_MS);
    return () => clearTimeout(timer);
  }, [held]);

  const [showUpdated, setShowUpdated] = useState(false);
  useEffect(() => {
    if (!updatedAt) return;
    setShowUpdated(true);
    const timer = setTimeout(() => setShowUpdated(false), UPDATED_CUE_MS);
    return () => clearTimeout(timer);
  }, [updatedAt]);

  return (
    <>
      <div
        className="flex shrink-0 items-center gap-2 pt-1"
        data-testid={testId}
        data-updated-at={updatedAt?.toISOString()}
        data-refresh-ms={lastRefreshMs ?? undefined}
      >
        {showUpdated && updatedAt && (
          // Phones: the title needs the row; the badge says enough.
          <span className="hidden text-xs text-slate-500 sm:inline" data-testid="live-updated">
            Updated {updatedAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
          </span>
        )}
        <ConnectionBadge state={state} liveTitle={liveTitle} />
      </div>
      {showPending && pending && listening && (
        // Above the phone's bottom navigation bar (as the toasts are), bottom right beside the rail on wider screens.
        <div
          className={[
            "pointer-events-none fixed inset-x-0 bottom-[5.5rem] z-30 flex justify-center px-4",
            "md:inset-x-auto md:bottom-6 md:right-6",
          ].join(" ")}
        >
          <button
            type="button"
            data-testid="live-pending"
            onClick={() => scheduler.applyNow()}
            className={[
              "pointer-events-auto inline-flex items-center gap-2 rounded-full bg-slate-900 px-4 py-2 text-sm",
              "font-medium text-white shadow-lg hover:bg-slate-800 focus-visible:outline-2",
              "focus-visible:outline-offset-2 focus-visible:outline-brand-600",
            ].join(" ")}
          >
            <span className="h-2 w-2 rounded-full bg-emerald-400" aria-hidden />
            {newsLabel(pending.count)}
            <span className="text-emerald-300">Show</span>
          </button>
        </div>
      )}
    </>
  );
}

/**
 * Whether the viewer is working in a table now, so its rows must not move: the pointer moved over one just
 * now, the keyboard focus is in one, a dialog is open, or the table's top has scrolled out of sight (rows
 * arriving above would push what they read).
 */
function tableInUse(pointerMovedAt: number): boolean {
  if (Date.now() - pointerMovedAt < POINTER_SETTLE_MS) return true;
  if (document.querySelector("dialog[open], [role='dialog']")) return true;
  const region = document.querySelector("[data-live-region]");
  if (!region) return false;
  const focused = document.activeElement;
  const tables = [...region.querySelectorAll(ROWS)];
  if (focused && tables.some((table) => table.contains(focused))) return true;
  const scroller = region.closest("[data-live-scroll]");
  const top = scroller ? scroller.getBoundingClientRect().top : 0;
  return tables.some((table) => table.getBoundingClientRect().top < top - 1);
}
