"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { describeEventWith, type TimelineEvent } from "@/lib/inbox/conversation-events";
import type { MessagePayload } from "@/lib/realtime/events";
import { dayLabel } from "@/lib/ui/format-time";
import { LocalTime, useHydrated, useTimeFormatter } from "@/components/local-time";
import { NOTABLE_SPAM_SCORE, SpamScoreBadge } from "./spam-score";

type TimelineItem =
  | { kind: "message"; at: string; message: MessagePayload }
  | { kind: "event"; at: string; event: TimelineEvent };

/** How close to the bottom (px) still counts as reading the newest messages. */
const NEAR_BOTTOM = 120;

/**
 * Messages and system lines of a conversation, in time order, with day separators. Opens at the
 * newest; new items keep it there while the agent is at the bottom. "Load older messages" prepends
 * the previous page without moving what the agent is reading.
 */
export function Timeline({
  messages,
  events,
  agents,
  hasOlder = false,
  onLoadOlder,
}: {
  messages: MessagePayload[];
  events: TimelineEvent[];
  agents: Array<{ id: string; name: string }>;
  /** More messages exist before the first one shown (and onLoadOlder fetches them). */
  hasOlder?: boolean;
  onLoadOlder?(): Promise<void>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  // Distance from the bottom before older items were prepended: restored after they render.
  const keepFromBottom = useRef<number | null>(null);
  const [older, setOlder] = useState<"idle" | "loading" | "failed">("idle");
  const [loadedOlder, setLoadedOlder] = useState(false);

  const items: TimelineItem[] = [
    ...messages.map((message) => ({ kind: "message" as const, at: message.createdAt, message })),
    ...events.map((event) => ({ kind: "event" as const, at: event.createdAt, event })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const newest = items[items.length - 1];
  const newestKey = newest ? `${newest.kind}-${newest.kind === "message" ? newest.message.id : newest.event.id}` : "";
  const oldestAt = items[0]?.at;
  // The agent's own reply always shows, even when they had scrolled up.
  const newestIsMine = newest?.kind === "message" && newest.message.direction === "out";

  // Days and times in the viewer's zone once in the browser; until then (server render, hydration) in UTC.
  const hydrated = useHydrated();
  const formatTime = useTimeFormatter();
  const dayOf = (iso: string) => (hydrated ? dayLabel(iso) : iso.slice(0, 10));

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && (nearBottom.current || newestIsMine)) element.scrollTop = element.scrollHeight;
    // Also once hydrated: the viewer's times may wrap differently from the server's.
  }, [newestKey, newestIsMine, hydrated]);

  // Shown again (a phone's panes hide it while the user card is open) or resized: stay at the newest.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || keepFromBottom.current === null) return;
    element.scrollTop = element.scrollHeight - keepFromBottom.current;
    keepFromBottom.current = null;
  }, [oldestAt]);

  async function loadOlder() {
    const element = scroller.current;
    if (!element || !onLoadOlder || older === "loading") return;
    setOlder("loading");
    try {
      keepFromBottom.current = element.scrollHeight - element.scrollTop;
      await onLoadOlder();
      setOlder("idle");
      setLoadedOlder(true);
    } catch {
      keepFromBottom.current = null;
      setOlder("failed");
    }
  }

  const agentName = (id: string | null) => agents.find((a) => a.id === id)?.name ?? "Agent";

  let lastDay = "";
  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        nearBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM;
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-4 md:px-6"
      aria-label="Conversation timeline"
      role="log"
      aria-live="polite"
    >
      {hasOlder && onLoadOlder && (
        <div className="mb-3 flex flex-col items-center gap-1" data-testid="older-messages">
          <button
            type="button"
            onClick={() => void loadOlder()}
            disabled={older === "loading"}
            className={[
              "rounded-full border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 shadow-xs",
              "hover:bg-slate-100 disabled:cursor-wait disabled:opacity-60",
            ].join(" ")}
          >
            {older === "loading" ? "Loading older messages…" : "Load older messages"}
          </button>
          {older === "failed" && (
            <p role="alert" className="text-xs text-red-700">
              Couldn’t load older messages. Try again.
            </p>
          )}
        </div>
      )}
      {!hasOlder && loadedOlder && (
        <p className="mb-3 text-center text-xs text-slate-500">Beginning of the conversation</p>
      )}
      <ol className="mx-auto flex max-w-3xl flex-col gap-2">
        {items.map((item) => {
          const day = dayOf(item.at);
          const separator = day !== lastDay ? (lastDay = day) : null;
          return (
            <li
              key={`${item.kind}-${item.kind === "message" ? item.message.id : item.event.id}`}
              className="flex flex-col"
            >
              {separator && (
                <div className="my-2 self-center rounded-full bg-white px-3 py-0.5 text-xs text-slate-500 shadow-xs">
                  {separator}
                </div>
              )}
              {item.kind === "event" ? (
                <p className="self-center py-1 text-center text-xs text-slate-500" data-testid="timeline-event">
                  {describeEventWith(item.event, formatTime)} · <LocalTime iso={item.at} format="clock" />
                </p>
              ) : (
                <MessageBubble
                  message={item.message}
                  author={item.message.direction === "out" ? agentName(item.message.authorAgentId) : null}
                />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function MessageBubble({ message, author }: { message: MessagePayload; author: string | null }) {
  const outgoing = message.direction === "out";
  return (
    <div
      className={`flex max-w-[85%] flex-col ${outgoing ? "items-end self-end" : "items-start self-start"}`}
      data-testid={outgoing ? "message-out" : "message-in"}
    >
      <div
        className={`whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm shadow-xs ${
          outgoing
            ? "rounded-br-md bg-brand-600 text-white"
            : "rounded-bl-md border border-slate-200 bg-white text-slate-900"
        }`}
      >
        {message.body}
      </div>
      <span className="mt-0.5 flex items-center gap-1.5 px-1 text-[11px] text-slate-500">
        <span>
          {author ? `${author} · ` : ""}
          <LocalTime iso={message.createdAt} format="clock" />
        </span>
        {!outgoing && message.spamScore !== null && message.spamScore >= NOTABLE_SPAM_SCORE && (
          <SpamScoreBadge score={message.spamScore} reasons={message.spamReasons} />
        )}
      </span>
    </div>
  );
}
