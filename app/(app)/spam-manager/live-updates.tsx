"use client";
// The Spam Manager's tables follow what happens without a reload. Its pages are server-rendered from the
// URL (filters, sort, page, the open row), so a refresh is `router.refresh()` — the pattern the page's own
// buttons use: the same URL renders again, and React keeps the DOM it can (scroll, focus, typed text, an
// open panel). The server tells supervisors and admins what changed (spam_manager.changed: counts,
// coalesced to one event a second per tenant); a tab refreshes only for news it shows, at most once per
// interval and never while hidden (lib/realtime/refresh-scheduler.ts).
// Where a refresh would move rows under the supervisor — a later page, an open row, the pointer moving
// over the table, keyboard focus in it, a dialog, the table scrolled out of sight — the news waits in a
// "12 new posts · Show" button instead of reshuffling what they are looking at.
import { useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { RefreshScheduler, type PendingNews } from "@/lib/realtime/refresh-scheduler";
import { relevantChange, type SpamManagerLiveTab } from "@/lib/realtime/spam-manager-change";
import { ConnectionBadge } from "@/components/connection-badge";
import { plural } from "@/lib/ui/plural";

const LIVE_TABS: Record<string, SpamManagerLiveTab> = {
  domains: "domain",
  urls: "url",
  phones: "phone",
  emails: "email",
  lists: "lists",
  users: "users",
  log: "log",
};

/** URL parameters that mean "I am somewhere in particular": a later page, an open row and its history's page. */
const PLACE_PARAMS = ["cursor", "s", "u", "hc"];

/** A pointer that moved over a table this recently may be about to click a row: the rows hold still. */
const POINTER_SETTLE_MS = 1_500;

/** A hold by the pointer or a dialog shows the "N new" button only when it lasts this long. */
const PASSING_HOLD_MS = 2_000;

/** How long the "Updated" cue stays after a refresh. */
const UPDATED_CUE_MS = 4_000;

export function SpamManagerLiveUpdates() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const tab = LIVE_TABS[pathname.split("/")[2] ?? ""] ?? null;
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

  const place = useRef({ tab, pinned: false });
  place.current = { tab, pinned: PLACE_PARAMS.some((name) => searchParams.has(name)) };
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
    const onVisibility = () => scheduler.visibilityChanged();
    const onPointer = (event: PointerEvent) => {
      if ((event.target as Element | null)?.closest?.("[data-live-region] table")) pointerMovedAt.current = Date.now();
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
  const { state } = useRealtime({
    "spam_manager.changed": (event) => {
      const current = place.current.tab;
      if (!current) return;
      const count = relevantChange(current, event);
      if (count !== null) scheduler.changed(count);
    },
    // The first connect follows the page's own render; a reconnect may have missed news.
    "session.ready": () => {
      if (connected.current && place.current.tab) scheduler.changed(0);
      connected.current = true;
    },
  });

  // The button shows at once where the supervisor stays (a later page, an open row); a hold by moving the
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
        data-testid="spam-manager-live"
        data-updated-at={updatedAt?.toISOString()}
        data-refresh-ms={lastRefreshMs ?? undefined}
      >
        {showUpdated && updatedAt && (
          // Phones: the title needs the row; the badge says enough.
          <span className="hidden text-xs text-slate-500 sm:inline" data-testid="live-updated">
            Updated {updatedAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
          </span>
        )}
        <ConnectionBadge state={state} liveTitle="Live: these tables update as users post and moderators act" />
      </div>
      {showPending && pending && tab && (
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
            {newsLabel(tab, pending.count)}
            <span className="text-emerald-300">Show</span>
          </button>
        </div>
      )}
    </>
  );
}

function newsLabel(tab: SpamManagerLiveTab, count: number): string {
  if (count === 0) return "Updates";
  return tab === "log" ? plural(count, "new run") : plural(count, "new post");
}

/**
 * Whether the supervisor is working in a table now, so its rows must not move: the pointer moved over one
 * just now, the keyboard focus is in one, a dialog is open, or the table's top has scrolled out of sight
 * (rows arriving above would push what they read).
 */
function tableInUse(pointerMovedAt: number): boolean {
  if (Date.now() - pointerMovedAt < POINTER_SETTLE_MS) return true;
  if (document.querySelector("dialog[open], [role='dialog']")) return true;
  const region = document.querySelector("[data-live-region]");
  if (!region) return false;
  const focused = document.activeElement;
  const tables = [...region.querySelectorAll("table")];
  if (focused && tables.some((table) => table.contains(focused))) return true;
  const scroller = region.closest("[data-live-scroll]");
  const top = scroller ? scroller.getBoundingClientRect().top : 0;
  return tables.some((table) => table.getBoundingClientRect().top < top - 1);
}
