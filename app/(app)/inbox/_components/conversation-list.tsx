"use client";
// The inbox's list pane: tabs with counts, the rows (keyboard cursor, ticks for bulk actions), the queue
// bar with "Take next", and the loading, failed and empty states.
// Over ~300 lines on purpose: the states and bars below the list are a few lines each and shown only by
// it; the row's data and its rules (placement, counts) live in inbox-cache.ts.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LIST_LABELS, type InboxList } from "@/lib/conversations/list-membership";
import { NOTABLE_SPAM_SCORE, SpamScoreBadge, spamReasonsText } from "@/components/conversation/spam-score";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { ConnectionState } from "@/lib/realtime/use-realtime";
import { LocalTime, useTimeFormatter } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { TabNav } from "@/components/ui/tab-nav";
import { LabelChip } from "./label-chip";
import { NotificationsToggle } from "./notifications-toggle";
import { ConnectionBadge } from "@/components/connection-badge";
import type { InboxDispatch, InboxView } from "./inbox-state";
import { BulkSpamBar } from "./bulk-spam-bar";
import { SpamFlag } from "./spam-flag";
import { plural } from "@/lib/ui/plural";

/** Lists shown as an icon where the column is narrow. */
const COMPACT_ICONS: Partial<Record<InboxList, "check" | "flag" | "alert" | "clock">> = {
  waiting: "clock",
  resolved: "check",
  suspected: "alert",
  spam: "flag",
};

export function ConversationList({
  state,
  dispatch,
  lists,
  connection,
  onSelect,
  onSwitchList,
  onRetryList,
  onLoadMore,
  onTakeNext,
}: {
  state: InboxView;
  dispatch: InboxDispatch;
  lists: InboxList[];
  connection: ConnectionState;
  onSelect(id: string): void;
  onSwitchList(list: InboxList): void;
  onRetryList(): void;
  onLoadMore(): Promise<void>;
  /** Take the chat waiting longest (also the t key). */
  onTakeNext(): void;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const inFlight = useRef<string | null>(null);
  // The failed next-page load, per list and cursor: a switch or a fresh page forgets it.
  const [loadError, setLoadError] = useState<{ list: InboxList; cursor: string } | null>(null);
  const failed = loadError !== null && loadError.list === state.list && loadError.cursor === state.nextCursor;
  const loadMoreRef = useRef(onLoadMore);
  loadMoreRef.current = onLoadMore;

  const loadNextPage = useCallback(async (list: InboxList, cursor: string) => {
    const key = `${list}:${cursor}`;
    if (inFlight.current === key) return;
    inFlight.current = key;
    setLoadError(null);
    try {
      await loadMoreRef.current();
    } catch {
      setLoadError({ list, cursor });
    } finally {
      if (inFlight.current === key) inFlight.current = null;
    }
  }, []);

  // Infinite scroll: the sentinel below the rows loads the next page when it comes into view. Paused
  // while a failure is shown (it would retry in a loop); the Retry button loads the page instead.
  useEffect(() => {
    const element = sentinel.current;
    const cursor = state.nextCursor;
    if (!element || !cursor || failed) return;
    const list = state.list;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) void loadNextPage(list, cursor);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [state.list, state.nextCursor, failed, loadNextPage]);

  // Places in the live-chat queue: waiting conversations by the time they asked for an agent. The
  // Waiting list is the queue itself, loaded from its head: a row's place is its position.
  const queuePositions = useMemo(() => {
    if (state.list === "waiting") return new Map(state.rows.map((row, index) => [row.id, index + 1]));
    const waiting = state.rows
      .filter((row) => row.status === "waiting" && row.bucket === "active" && row.queuedAt)
      .sort((a, b) => a.queuedAt!.localeCompare(b.queuedAt!) || a.id.localeCompare(b.id));
    return new Map(waiting.map((row, index) => [row.id, index + 1]));
  }, [state.list, state.rows]);

  // Keep the keyboard cursor in view.
  useEffect(() => {
    if (state.focusIndex < 0) return;
    document.querySelector(`[data-row-index="${state.focusIndex}"]`)?.scrollIntoView({ block: "nearest" });
  }, [state.focusIndex]);

  return (
    <>
      {/* A container: the tabs fit the column's width, not the screen's
          (the column is 20–25rem beside a conversation). */}
      <header className="@container border-b border-slate-200 px-2 pt-3 sm:px-3">
        <div className="flex items-center justify-between gap-2 px-1">
          <h1 className="text-lg font-semibold">Inbox</h1>
          <div className="flex items-center gap-2">
            <ConnectionBadge state={connection} />
            <NotificationsToggle />
          </div>
        </div>
        {/* Six lists in a 20–25 rem column (or a phone): compact until the column has room, Waiting,
            Resolved and Spam as their icons (names for screen readers and on hover). Suspected only while
            it holds something (or is open): tenants that do not hold likely spam back never have it. With
            it, and counts in the thousands, the row may still be wider than a phone: it scrolls, and a fade
            says there is more (TabNav). */}
        <TabNav
          label="Inbox lists"
          variant="column"
          tabs={lists
            .filter((list) => list !== "suspected" || (state.counts.suspected ?? 0) > 0 || state.list === "suspected")
            .map((list) => {
              const icon = COMPACT_ICONS[list];
              const count = state.counts[list];
              return {
                href: `/inbox/${list}${state.selectedId ? `?c=${encodeURIComponent(state.selectedId)}` : ""}`,
                current: state.list === list,
                onSelect: () => onSwitchList(list),
                testId: `list-tab-${list}`,
                title: LIST_LABELS[list],
                count: count === undefined ? undefined : { value: count, testId: `list-count-${list}` },
                label: icon ? (
                  <>
                    <Icon name={icon} className="h-4 w-4 @min-[30rem]:hidden" />
                    <span className="sr-only @min-[30rem]:not-sr-only">{LIST_LABELS[list]}</span>
                  </>
                ) : (
                  LIST_LABELS[list]
                ),
              };
            })}
        />
      </header>
      {state.list === "waiting" && (
        <QueueBar waiting={state.counts.waiting ?? state.rows.length} onTakeNext={onTakeNext} />
      )}
      {state.list === "suspected" && state.rows.length > 0 && <SuspectedBar />}
      <BulkSpamBar state={state} dispatch={dispatch} />
      <div
        className="min-h-0 flex-1 overflow-y-auto"
        role="listbox"
        aria-label={`${LIST_LABELS[state.list]} conversations`}
        aria-busy={state.listStatus === "loading"}
      >
        {state.listStatus === "loading" ? (
          <ListSkeleton />
        ) : state.listStatus === "failed" ? (
          <ListFailed list={state.list} onRetry={onRetryList} />
        ) : state.rows.length === 0 ? (
          <EmptyList list={state.list} />
        ) : (
          state.rows.map((row, index) => (
            <ConversationRow
              key={row.id}
              row={row}
              index={index}
              selected={row.id === state.selectedId}
              focused={index === state.focusIndex}
              checked={state.checked.includes(row.id)}
              queuePosition={queuePositions.get(row.id) ?? null}
              onCheck={() => dispatch({ type: "checked.toggled", id: row.id })}
              onSelect={() => onSelect(row.id)}
            />
          ))
        )}
        {state.nextCursor && (
          <div
            ref={sentinel}
            className="flex items-center justify-center gap-2 px-4 py-4 text-xs text-slate-500"
            data-testid="list-more"
          >
            {failed ? (
              <>
                <span role="alert">Couldn’t load more conversations.</span>
                <button
                  type="button"
                  className={[
                    "rounded font-medium text-brand-700 hover:underline",
                    "focus-visible:outline-2 focus-visible:outline-brand-500",
                  ].join(" ")}
                  onClick={() => void loadNextPage(state.list, state.nextCursor!)}
                >
                  Retry
                </button>
              </>
            ) : (
              <span role="status">Loading more…</span>
            )}
          </div>
        )}
      </div>
    </>
  );
}

function ConversationRow({
  row,
  index,
  selected,
  focused,
  checked,
  queuePosition,
  onCheck,
  onSelect,
}: {
  row: ConversationSummary;
  index: number;
  selected: boolean;
  focused: boolean;
  checked: boolean;
  /** Place in the live-chat queue while waiting (among the loaded rows). */
  queuePosition: number | null;
  onCheck(): void;
  onSelect(): void;
}) {
  const formatTime = useTimeFormatter();
  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={focused || (selected && !focused) ? 0 : -1}
      data-row-index={index}
      data-focused={focused || undefined}
      data-testid="conversation-row"
      data-conversation-id={row.id}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onSelect();
        }
      }}
      className={[
        "relative cursor-pointer border-b border-slate-100 px-4 py-3 outline-none hover:bg-slate-50",
        selected ? "bg-brand-50 hover:bg-brand-50" : "",
        focused ? "ring-2 ring-inset ring-brand-500" : "",
      ].join(" ")}
    >
      {row.status === "waiting" && (
        <span className="absolute left-1 top-4 h-2 w-2 rounded-full bg-amber-500" title="Waiting in the queue" />
      )}
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={checked}
          onChange={onCheck}
          onClick={(event) => event.stopPropagation()}
          aria-label={`Select conversation with ${row.contact.name}`}
          className={[
            "h-4 w-4 shrink-0 rounded border-slate-300",
            checked ? "" : "opacity-40 hover:opacity-100 focus:opacity-100",
          ].join(" ")}
        />
        <ChannelIcon channel={row.channel} />
        <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{row.contact.name}</span>
        {row.bucket === "spam" && <SpamFlag />}
        {row.spamScore !== null &&
          (row.bucket === "suspected" || row.spamScore >= NOTABLE_SPAM_SCORE) &&
          row.bucket !== "spam" && <SpamScoreBadge score={row.spamScore} reasons={row.spamReasons} />}
        <LocalTime iso={row.lastMessageAt} format="relative" className="shrink-0 text-xs text-slate-500" />
      </div>
      <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{row.lastMessagePreview || "—"}</p>
      {row.bucket === "suspected" && row.spamReasons.length > 0 && (
        <p className="mt-1 truncate text-xs text-red-700" data-testid="spam-reasons">
          <span className="font-medium">Why: </span>
          {spamReasonsText(row.spamReasons)}
        </p>
      )}
      <div className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs">
        <span className={`inline-flex items-center gap-1 ${row.assignee ? "text-slate-600" : "text-amber-700"}`}>
          <Icon name="user" className="h-3.5 w-3.5" />
          {row.assignee?.name ?? (row.status === "waiting" ? "Waiting" : "Unassigned")}
        </span>
        {queuePosition !== null && !row.assignee && (
          <span
            className="rounded-full bg-amber-100 px-1.5 py-px font-medium tabular-nums text-amber-800"
            data-testid="queue-position"
            title={row.queuedAt ? `Asked for an agent at ${formatTime(row.queuedAt)}` : undefined}
          >
            #{queuePosition} in queue
          </span>
        )}
        {row.labels.map((label) => (
          <LabelChip key={label.id} label={label} small />
        ))}
      </div>
    </div>
  );
}

/** The Suspected list's keys: confirm (mark the user as spam) or dismiss the focused or open chat. */
function SuspectedBar() {
  return (
    <div
      className={[
        "flex flex-wrap items-center gap-x-3 gap-y-1 border-b",
        "border-red-100 bg-red-50 px-4 py-2 text-xs text-red-900",
      ].join(" ")}
      data-testid="suspected-bar"
    >
      {/* At least 16 rem for the sentence: in the list's column the key hints go below it, never into it. */}
      <span className="min-w-0 flex-[1_1_16rem]">
        Likely spam, held back by the classifier. Each verdict teaches it.
      </span>
      <span className="hidden items-center gap-2 whitespace-nowrap [@media(hover:hover)]:inline-flex">
        <kbd className="rounded border border-red-200 bg-white px-1 font-mono">s</kbd> confirm spam
        <kbd className="rounded border border-red-200 bg-white px-1 font-mono">d</kbd> not spam
      </span>
    </div>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading conversations" data-testid="list-loading">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="border-b border-slate-100 px-4 py-3">
          <div className="flex items-center gap-2">
            <span className="h-4 w-4 rounded bg-slate-100" />
            <span className="h-3.5 w-32 animate-pulse rounded bg-slate-200" />
            <span className="ml-auto h-3 w-10 rounded bg-slate-100" />
          </div>
          <div className="mt-2 h-3 w-4/5 animate-pulse rounded bg-slate-100" />
          <div className="mt-2 h-3 w-1/3 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

function ListFailed({ list, onRetry }: { list: InboxList; onRetry(): void }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center" data-testid="list-failed">
      <span className="rounded-full bg-red-50 p-3 text-red-600">
        <Icon name="alert" className="h-6 w-6" />
      </span>
      <p className="mt-3 font-medium text-slate-800" role="alert">
        Couldn’t load {LIST_LABELS[list]}
      </p>
      <p className="mt-1 text-sm text-slate-500">Check your connection, then try again.</p>
      <button
        type="button"
        onClick={onRetry}
        className={[
          "mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm",
          "font-medium text-slate-800 shadow-xs hover:bg-slate-50",
        ].join(" ")}
      >
        Try again
      </button>
    </div>
  );
}

function EmptyList({ list }: { list: InboxList }) {
  const text: Record<InboxList, [string, string]> = {
    all: ["No open conversations", "New messages from every channel show up here as they arrive."],
    mine: ["Nothing assigned to you", "Pick a conversation from Unassigned, or wait for one to be assigned."],
    unassigned: ["Nothing unassigned", "All caught up: every open conversation has an owner."],
    waiting: ["Nobody is waiting", "Visitors who ask to talk to an agent queue up here, the longest waiting first."],
    resolved: ["No resolved conversations yet", "Conversations you resolve are kept here."],
    suspected: [
      "Nothing suspected",
      "Chats the spam classifier holds back as likely spam wait here until you confirm or dismiss them.",
    ],
    spam: ["No spam", "Chats of users marked as spam land here, away from the other lists."],
  };
  const [title, hint] = text[list];
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <span className="rounded-full bg-slate-100 p-3 text-slate-500">
        <Icon name="inbox" className="h-6 w-6" />
      </span>
      <p className="mt-3 font-medium text-slate-800">{title}</p>
      <p className="mt-1 text-sm text-slate-500">{hint}</p>
    </div>
  );
}

/** The queue at a glance: how many visitors wait, and the one-key way to serve the next. */
function QueueBar({ waiting, onTakeNext }: { waiting: number; onTakeNext(): void }) {
  return (
    <div
      className="flex items-center justify-between gap-2 border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm"
      data-testid="queue-bar"
    >
      <span className="text-amber-900">
        <span className="font-semibold tabular-nums">{plural(waiting, "visitor")}</span> waiting, longest first
      </span>
      <button
        type="button"
        onClick={onTakeNext}
        disabled={waiting === 0}
        title="Shortcut: t"
        className={[
          "inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-2.5 py-1.5 text-xs font-semibold",
          "text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50",
        ].join(" ")}
      >
        Take next <kbd className="rounded bg-white/20 px-1 font-sans text-[11px] pointer-coarse:hidden">t</kbd>
      </button>
    </div>
  );
}
