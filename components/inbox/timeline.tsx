"use client";

import { useEffect, useRef } from "react";
import { describeEvent, type TimelineEvent } from "@/lib/inbox/conversation-events";
import type { MessagePayload } from "@/lib/realtime/events";
import { clockTime, dayLabel, fullTime } from "@/lib/ui/format-time";

type TimelineItem = { kind: "message"; at: string; message: MessagePayload } | { kind: "event"; at: string; event: TimelineEvent };

/** Messages and system lines of a conversation, in time order, with day separators. */
export function Timeline({ messages, events, agents }: { messages: MessagePayload[]; events: TimelineEvent[]; agents: Array<{ id: string; name: string }> }) {
  const end = useRef<HTMLDivElement>(null);
  const items: TimelineItem[] = [
    ...messages.map((message) => ({ kind: "message" as const, at: message.createdAt, message })),
    ...events.map((event) => ({ kind: "event" as const, at: event.createdAt, event })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const newest = items[items.length - 1]?.at;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [newest, items.length]);
  const agentName = (id: string | null) => agents.find((a) => a.id === id)?.name ?? "Agent";

  let lastDay = "";
  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-4 md:px-6" aria-label="Conversation timeline" role="log" aria-live="polite">
      <ol className="mx-auto flex max-w-3xl flex-col gap-2">
        {items.map((item) => {
          const day = dayLabel(item.at);
          const separator = day !== lastDay ? (lastDay = day) : null;
          return (
            <li key={`${item.kind}-${item.kind === "message" ? item.message.id : item.event.id}`} className="flex flex-col">
              {separator && <div className="my-2 self-center rounded-full bg-white px-3 py-0.5 text-xs text-slate-500 shadow-xs">{separator}</div>}
              {item.kind === "event" ? (
                <p className="self-center py-1 text-center text-xs text-slate-500" data-testid="timeline-event">
                  {describeEvent(item.event)} · <time title={fullTime(item.at)}>{clockTime(item.at)}</time>
                </p>
              ) : (
                <MessageBubble message={item.message} author={item.message.direction === "out" ? agentName(item.message.authorAgentId) : null} />
              )}
            </li>
          );
        })}
      </ol>
      <div ref={end} />
    </div>
  );
}

function MessageBubble({ message, author }: { message: MessagePayload; author: string | null }) {
  const outgoing = message.direction === "out";
  return (
    <div className={`flex max-w-[85%] flex-col ${outgoing ? "items-end self-end" : "items-start self-start"}`} data-testid={outgoing ? "message-out" : "message-in"}>
      <div
        className={`whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm shadow-xs ${
          outgoing ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md border border-slate-200 bg-white text-slate-900"
        }`}
      >
        {message.body}
      </div>
      <span className="mt-0.5 px-1 text-[11px] text-slate-500">
        {author ? `${author} · ` : ""}
        <time title={fullTime(message.createdAt)}>{clockTime(message.createdAt)}</time>
      </span>
    </div>
  );
}
