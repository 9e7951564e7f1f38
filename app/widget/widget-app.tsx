"use client";
// The visitor's chat: messages live over the /widget socket namespace (their conversation only), a
// composer, and "Talk to an agent". The visitor is told politely when live chat is unavailable and
// until when — never why.
// Over ~300 lines on purpose: the widget is one embedded screen whose socket, state merge and notices
// share the visitor's conversation; its small parts (Shell, Bubble, StatusCard) are below it.
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { WidgetClientToServerEvents, WidgetMessage, WidgetServerToClientEvents } from "@/lib/realtime/events";
import type { WidgetState } from "@/lib/widget/visitor-chat";
import type { ConnectAnswer } from "@/lib/live-chat/connect";
import { describeWorkingHours, localDateTime } from "@/lib/live-chat/describe-hours";

type VisitorSocket = Socket<WidgetServerToClientEvents, WidgetClientToServerEvents>;
type Notice = { tone: "info" | "warning"; title: string; text: string };

const FIRST_REQUEST = "I'd like to talk to an agent, please.";
/** A refused join of a new chat is asked once more after this (the visitor's join budget has a turn by then). */
const JOIN_RETRY_MS = 5_000;

class WidgetError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function WidgetApp({
  tenantId,
  tenantName,
  user,
  signature,
  userName,
  embedded,
}: {
  tenantId: string;
  tenantName: string;
  user: string | null;
  signature: string | null;
  userName: string | null;
  embedded: boolean;
}) {
  const [token, setToken] = useState<string | null>(null);
  const [state, setState] = useState<WidgetState | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const tokenRef = useRef<string | null>(null);
  // The send in flight and the conversation it created: "Talk to an agent" right after Enter waits for both.
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const conversationIdRef = useRef<string | null>(null);
  const socketRef = useRef<VisitorSocket | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);

  const call = useCallback(async <T,>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        ...(tokenRef.current ? { "x-widget-session": tokenRef.current } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok)
      throw new WidgetError(response.status, body?.error?.message ?? "Something went wrong. Please try again.");
    return body as T;
  }, []);

  const refresh = useCallback(async () => {
    if (!tokenRef.current) return;
    try {
      const fetched = await call<WidgetState>("/api/widget/messages");
      setState((current) => mergeState(current, fetched));
    } catch {
      // Keep what is shown; the next event or poll tries again.
    }
  }, [call]);

  // Start (or resume, through the cookie) the visitor's session.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const started = await call<{ token: string; state: WidgetState }>("/api/widget/session", {
          method: "POST",
          body: {
            tenant: tenantId,
            ...(user ? { user } : {}),
            ...(signature ? { signature } : {}),
            ...(userName ? { name: userName } : {}),
          },
        });
        if (cancelled) return;
        tokenRef.current = started.token;
        setToken(started.token);
        setState(started.state);
      } catch (error) {
        if (cancelled) return;
        setFatal(
          error instanceof WidgetError && error.status === 401
            ? "We couldn't confirm who you are. Please reload the page, or sign in again on the website."
            : error instanceof WidgetError && error.status === 429
              ? error.message // the chat is busy (flood limits): the server says when to try again
              : "The chat could not be started. Please check your connection and reload.",
        );
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [call, tenantId, user, signature, userName]);

  // Live updates for the visitor's own conversation.
  useEffect(() => {
    if (!token) return;
    const socket: VisitorSocket = io("/widget", { auth: { token }, transports: ["websocket", "polling"] });
    socketRef.current = socket;
    // Refused by the widget's namespace (this visitor's sockets at their cap, a busy address): try again
    // later. A refused or failed connection socket.io retries by itself. The visitor can still write (HTTP).
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect_error", () => {
      if (!socket.active) retry = setTimeout(() => socket.connect(), 30_000);
    });
    socket.on("widget.ready", () => void refresh());
    socket.on("widget.status", () => void refresh());
    socket.on("widget.message", (message) =>
      setState((current) =>
        current && !current.messages.some((m) => m.id === message.id)
          ? { ...current, messages: [...current.messages, message] }
          : current,
      ),
    );
    return () => {
      clearTimeout(retry);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token, refresh]);

  // The queue position moves as others are picked: look again now and then while waiting.
  const waiting = state?.conversation?.status === "waiting";
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  useEffect(() => {
    if (state?.conversation) conversationIdRef.current = state.conversation.id;
  }, [state]);

  // Blocked from live chat (told live, the moment an agent blocks): until the block ends, say so in
  // place of "Talk to an agent"; at its end, look again (the button comes back).
  const blockedUntil = state?.liveChat.blockedUntil ?? null;
  useEffect(() => {
    if (!blockedUntil) return;
    const wait = Math.min(new Date(blockedUntil).getTime() - Date.now() + 1_000, 2 ** 31 - 1);
    const timer = setTimeout(() => void refresh(), Math.max(wait, 0));
    return () => clearTimeout(timer);
  }, [blockedUntil, refresh]);

  const messageCount = state?.messages.length ?? 0;
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messageCount, notice, waiting]);

  /**
   * Follows a chat the visitor just started, live. A join refused (a busy address: lib/realtime/widget-join.ts) is
   * asked once more a few seconds later; until then, and if that fails too, the widget's poll keeps the chat
   * current, and the next connect joins it anyway.
   */
  function joinLive(conversationId: string, retry = true) {
    socketRef.current?.emit("widget.join", conversationId, (answer: { ok: boolean }) => {
      if (!answer?.ok && retry && conversationIdRef.current === conversationId)
        setTimeout(() => joinLive(conversationId, false), JOIN_RETRY_MS);
    });
  }

  function send(text: string): Promise<boolean> {
    if (!text.trim() || inFlightRef.current) return Promise.resolve(false);
    const sending = deliver(text).finally(() => {
      inFlightRef.current = null;
    });
    inFlightRef.current = sending;
    return sending;
  }

  async function deliver(text: string): Promise<boolean> {
    setSending(true);
    setSendError(null);
    try {
      const sent = await call<{ message: WidgetMessage; conversationId: string }>("/api/widget/messages", {
        method: "POST",
        body: { text },
      });
      const isNew = conversationIdRef.current !== sent.conversationId;
      conversationIdRef.current = sent.conversationId;
      setState((current) =>
        current && !current.messages.some((m) => m.id === sent.message.id)
          ? { ...current, messages: [...current.messages, sent.message] }
          : current,
      );
      if (isNew) {
        joinLive(sent.conversationId);
        await refresh();
      }
      return true;
    } catch (error) {
      setSendError(error instanceof Error ? error.message : "Your message was not sent. Try again.");
      return false;
    } finally {
      setSending(false);
    }
  }

  async function talkToAgent() {
    if (!state || connecting) return;
    setConnecting(true);
    setNotice(null);
    try {
      if (inFlightRef.current) await inFlightRef.current;
      if (!conversationIdRef.current) {
        const first = draft.trim();
        if (!(await send(first || FIRST_REQUEST))) return;
        if (first) setDraft("");
      }
      const answer = await call<ConnectAnswer>("/api/widget/connect", { method: "POST", body: {} });
      setNotice(noticeFor(answer, state));
      await refresh();
    } catch (error) {
      setNotice(
        error instanceof WidgetError && error.status === 429
          ? { tone: "info", title: "Our agents are busy", text: error.message }
          : {
              tone: "warning",
              title: "Something went wrong",
              text: error instanceof Error ? error.message : "Please try again in a moment.",
            },
      );
    } finally {
      setConnecting(false);
    }
  }

  if (fatal) {
    return (
      <Shell tenantName={tenantName} subtitle="Unavailable" embedded={embedded}>
        <div className="flex flex-1 items-center justify-center p-6 text-center" role="alert">
          <p className="max-w-xs text-sm text-slate-700">{fatal}</p>
        </div>
      </Shell>
    );
  }

  const conversation = state?.conversation ?? null;
  const withAgent = conversation?.status === "open" && conversation.agentName;
  const subtitle = !state
    ? "Connecting…"
    : waiting
      ? `Waiting for an agent · #${conversation?.queuePosition ?? "?"} in the queue`
      : withAgent
        ? `Chatting with ${conversation!.agentName}`
        : blockedUntil
          ? "Live chat unavailable — leave a message"
          : state.tenant.openNow
            ? "We're online"
            : "We're away — leave a message";

  return (
    <Shell tenantName={tenantName} subtitle={subtitle} embedded={embedded} online={state?.tenant.openNow}>
      <div
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-4 sm:px-4"
        role="log"
        aria-label="Messages"
        aria-live="polite"
      >
        <ol className="flex flex-col gap-2">
          <li
            className={[
              "max-w-[85%] self-start rounded-2xl rounded-bl-md border border-slate-200",
              "bg-white px-3.5 py-2.5 text-[15px] text-slate-800 shadow-xs",
            ].join(" ")}
          >
            Hi there! Ask us anything here. If you'd like a person to help, press <strong>Talk to an agent</strong>.
          </li>
          {state?.messages.map((message) => (
            <Bubble key={message.id} message={message} />
          ))}
        </ol>
        {state && (
          <div className="mt-3" data-testid="widget-status">
            {waiting ? (
              <StatusCard
                tone="info"
                title={`You're #${conversation?.queuePosition ?? "?"} in the queue`}
                text="An agent will be with you shortly. You can keep writing while you wait."
              />
            ) : withAgent ? (
              <p className="text-center text-xs text-slate-500">{conversation!.agentName} joined the chat</p>
            ) : blockedUntil ? (
              <StatusCard tone="warning" testId="widget-notice" {...blockedNotice(blockedUntil)} />
            ) : notice ? (
              <StatusCard tone={notice.tone} title={notice.title} text={notice.text} testId="widget-notice" />
            ) : conversation?.status === "resolved" ? (
              <p className="text-center text-xs text-slate-500">This chat has ended. Write again any time.</p>
            ) : null}
          </div>
        )}
        <div ref={endRef} />
      </div>

      <div
        className={[
          "border-t border-slate-200 bg-white px-3",
          "pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-2 sm:px-4",
        ].join(" ")}
      >
        {state && !waiting && !withAgent && !blockedUntil && (
          <button
            type="button"
            onClick={() => void talkToAgent()}
            disabled={connecting}
            className={[
              "mb-2 flex w-full items-center justify-center gap-2 rounded-full border border-brand-600 px-4",
              "py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60",
            ].join(" ")}
          >
            <svg
              viewBox="0 0 24 24"
              className="h-4 w-4"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
              aria-hidden="true"
            >
              <path d="M20 21v-1a5 5 0 0 0-5-5H9a5 5 0 0 0-5 5v1M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />
            </svg>
            {connecting ? "Connecting…" : "Talk to an agent"}
          </button>
        )}
        {sendError && (
          <p role="alert" className="mb-1.5 text-xs text-red-700">
            {sendError}
          </p>
        )}
        <form
          className="flex items-end gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send(draft)) setDraft("");
            composerRef.current?.focus();
          }}
        >
          <label htmlFor="widget-composer" className="sr-only">
            Message
          </label>
          <textarea
            id="widget-composer"
            ref={composerRef}
            value={draft}
            disabled={!state}
            rows={Math.min(5, Math.max(1, draft.split("\n").length))}
            maxLength={5000}
            placeholder="Write a message…"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={async (event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                if (await send(draft)) setDraft("");
              }
            }}
            className={[
              "max-h-32 min-h-11 flex-1 resize-none rounded-2xl border border-slate-300 bg-white px-3.5 py-2.5",
              "text-base leading-snug focus:border-brand-500 focus:outline-none sm:text-[15px]",
            ].join(" ")}
          />
          <button
            type="submit"
            disabled={!state || sending || !draft.trim()}
            aria-label="Send message"
            className={[
              "flex h-11 w-11 shrink-0 items-center justify-center rounded-full",
              "bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:opacity-40",
            ].join(" ")}
          >
            <svg
              viewBox="0 0 24 24"
              className="h-5 w-5"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinejoin="round"
              aria-hidden="true"
            >
              <path d="M4 12l16-8-6 16-2-6z" />
            </svg>
          </button>
        </form>
        <p className="mt-1.5 text-center text-[11px] text-slate-400">Powered by Bouncer</p>
      </div>
    </Shell>
  );
}

/**
 * A refetch may have started before a message arrived over the socket: keep such newer messages
 * instead of letting the older snapshot drop them.
 */
function mergeState(current: WidgetState | null, fetched: WidgetState): WidgetState {
  if (!current || current.conversation?.id !== fetched.conversation?.id) return fetched;
  const known = new Set(fetched.messages.map((m) => m.id));
  const newest = fetched.messages.at(-1)?.createdAt ?? "";
  const later = current.messages.filter((m) => !known.has(m.id) && m.createdAt >= newest);
  return later.length
    ? { ...fetched, messages: [...fetched.messages, ...later].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }
    : fetched;
}

/** What a blocked visitor is told — when they can ask again, never why. */
function blockedNotice(blockedUntil: string): Pick<Notice, "title" | "text"> {
  return {
    title: "Live chat is unavailable right now",
    text:
      `You can talk to an agent again from ${localDateTime(blockedUntil)}. ` +
      "You can still leave a message here and it will be read.",
  };
}

function noticeFor(answer: ConnectAnswer, state: WidgetState): Notice | null {
  switch (answer.state) {
    case "Queued":
    case "Assigned":
      return null;
    case "IsBlockedForLiveChat":
      return { tone: "warning", ...blockedNotice(answer.blockedUntil) };
    case "IsOutsideWorkingHours":
      return {
        tone: "info",
        title: "Our agents are offline",
        text:
          `Opening hours: ${describeWorkingHours(state.tenant.workingHours)} ` +
          `(${state.tenant.timeZone.replaceAll("_", " ")} time). Leave a message and we'll get back to you.`,
      };
    case "IsBanned":
      return { tone: "warning", title: "Live chat is unavailable", text: "An agent cannot be reached from this chat." };
  }
}

function Shell({
  tenantName,
  subtitle,
  embedded,
  online,
  children,
}: {
  tenantName: string;
  subtitle: string;
  embedded: boolean;
  online?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto flex h-dvh max-w-2xl flex-col bg-white sm:border-x sm:border-slate-200">
      <header className="flex items-center gap-3 bg-brand-600 px-4 py-3 text-white">
        <span
          className={[
            "relative flex h-10 w-10 shrink-0 items-center justify-center",
            "rounded-full bg-white/15 text-base font-semibold",
          ].join(" ")}
          aria-hidden="true"
        >
          {tenantName.slice(0, 1).toUpperCase()}
          {online !== undefined && (
            <span
              className={[
                "absolute bottom-0 right-0 h-3 w-3 rounded-full border-2 border-brand-600",
                online ? "bg-emerald-400" : "bg-slate-300",
              ].join(" ")}
            />
          )}
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold">{tenantName}</h1>
          <p className="truncate text-xs text-white/85" data-testid="widget-subtitle">
            {subtitle}
          </p>
        </div>
        {embedded && (
          <button
            type="button"
            onClick={() => window.parent.postMessage({ type: "bouncer:close" }, "*")}
            className="rounded-full p-2 text-white/90 hover:bg-white/15 focus-visible:outline-white"
            aria-label="Close chat"
          >
            <svg
              viewBox="0 0 24 24"
              className="h-5 w-5"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
              aria-hidden="true"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        )}
      </header>
      {children}
    </div>
  );
}

function Bubble({ message }: { message: WidgetMessage }) {
  const mine = message.direction === "in";
  const time = new Date(message.createdAt).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (
    <li
      className={`flex max-w-[85%] flex-col ${mine ? "items-end self-end" : "items-start self-start"}`}
      data-testid={mine ? "widget-message-mine" : "widget-message-agent"}
    >
      {!mine && message.authorName && (
        <span className="mb-0.5 px-1 text-[11px] font-medium text-slate-500">{message.authorName}</span>
      )}
      <div
        className={`whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-[15px] shadow-xs ${
          mine
            ? "rounded-br-md bg-brand-600 text-white"
            : "rounded-bl-md border border-slate-200 bg-white text-slate-900"
        }`}
      >
        {message.body}
      </div>
      <time dateTime={message.createdAt} className="mt-0.5 px-1 text-[11px] text-slate-400">
        {time}
      </time>
    </li>
  );
}

function StatusCard({
  tone,
  title,
  text,
  testId,
}: {
  tone: Notice["tone"];
  title: string;
  text: string;
  testId?: string;
}) {
  const styles =
    tone === "warning" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-brand-100 bg-brand-50 text-slate-800";
  return (
    <div role="status" data-testid={testId} className={`rounded-xl border px-3.5 py-3 text-sm ${styles}`}>
      <p className="font-semibold">{title}</p>
      <p className="mt-0.5">{text}</p>
    </div>
  );
}
