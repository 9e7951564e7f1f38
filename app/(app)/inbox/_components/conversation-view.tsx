"use client";
// The open conversation: header (status, assignee, labels, live-chat block, "⋯" menu), timeline of
// messages and events, spam score panel and the composer.
// Over ~300 lines on purpose: the header's controls, the panel and the composer act on one held
// conversation and one set of dialogs; the dialogs, the menu and the block panel are already their own files.
import { useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import type { Viewer } from "@/lib/conversations/list-membership";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { LocalTime, useNow } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import {
  assignConversationAction,
  sendReplyAction,
  setConversationLabelAction,
  setConversationStatusAction,
} from "@/app/(app)/inbox/actions";
import { LabelChip } from "./label-chip";
import { SpamFlag } from "./spam-flag";
import { SpamMarkButton } from "./spam-mark-dialog";
import { ConversationMenu, type ConversationMenuItem } from "./conversation-menu";
import { BlockFromLiveChatDialog, EndChatDialog } from "./live-chat-dialogs";
import type { InboxView } from "./inbox-state";
import type { MessagePayload } from "@/lib/realtime/events";
import { Timeline } from "@/components/conversation/timeline";
import { BanClientDialog } from "@/components/blacklist/ban-client-button";
import { banConversationClientAction } from "@/app/(app)/sessions/actions";
import { BanEvasionBadge } from "@/components/blacklist/ban-evasion-badge";
import { NOTABLE_SPAM_SCORE, spamReasonsText } from "@/components/conversation/spam-score";
import { formatSpamScore } from "@/lib/conversations/spam-reasons";

export interface InboxContext {
  me: { id: string; name: string };
  agents: Array<{ id: string; name: string }>;
  labels: Array<{ id: string; name: string; color: string }>;
  viewer: Viewer;
  /** Whether this agent gets ban actions (admins always; others while operators may ban). */
  canBan: boolean;
  /** A suspected chat's verdicts (keys s and d): mark the user as spam, or not spam. */
  onConfirmSpam(conversation: ConversationSummary): void;
  onDismissSuspicion(conversation: ConversationSummary): void;
}

type ActionResult =
  | { ok: true; data: { conversation: ConversationSummary } }
  | { ok: false; error: { message: string } };

export function ConversationView({
  state,
  context,
  composerRef,
  resolveRef,
  onBack,
  onShowContact,
  onReload,
  onLoadOlder,
  onConversationChanged,
  onMessageAdded,
}: {
  state: InboxView;
  context: InboxContext;
  composerRef: React.RefObject<HTMLTextAreaElement | null>;
  resolveRef: React.RefObject<() => void>;
  onBack(): void;
  onShowContact(): void;
  onReload(): void;
  onLoadOlder(): Promise<void>;
  /** An action's answer: the conversation's new state (its counts follow with the realtime event). */
  onConversationChanged(conversation: ConversationSummary): void;
  onMessageAdded(message: MessagePayload): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<"end-chat" | "block" | "ban" | null>(null);
  const now = useNow();
  const detail = state.detail;
  const conversation = detail?.conversation;
  // Web chat is live chat: ending it asks for feedback and offers a live-chat block.
  const isLiveChat = conversation?.channel === "webchat";

  function run(action: () => Promise<ActionResult>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) onConversationChanged(result.data.conversation);
      else setError(result.error.message);
    });
  }

  resolveRef.current = () => {
    if (!conversation) return;
    if (isLiveChat && conversation.status !== "resolved") setDialog("end-chat");
    else
      run(() => setConversationStatusAction(conversation.id, conversation.status === "resolved" ? "open" : "resolved"));
  };

  if (!state.selectedId) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center bg-slate-50 px-6 text-center">
        <span className="rounded-full bg-white p-3 text-slate-400 shadow-sm">
          <Icon name="chat" className="h-7 w-7" />
        </span>
        <p className="mt-3 font-medium text-slate-800">Select a conversation</p>
        <p className="mt-1 text-sm text-slate-500">
          Use <kbd className="rounded border bg-white px-1">j</kbd> /{" "}
          <kbd className="rounded border bg-white px-1">k</kbd> to move and{" "}
          <kbd className="rounded border bg-white px-1">Enter</kbd> to open,{" "}
          <kbd className="rounded border bg-white px-1">t</kbd> to take the next visitor waiting.
        </p>
      </div>
    );
  }

  if (!detail || !conversation) {
    if (state.detailError === "not_found") {
      return (
        <PaneMessage onBack={onBack} testId="conversation-not-available">
          <p className="font-medium text-slate-800">This conversation is not available</p>
          <p className="mt-1 max-w-sm text-sm text-slate-500">
            {context.viewer.seesAllChats
              ? "It does not exist, or the link is wrong."
              : "It does not exist, or it is assigned to someone else " +
                "and you can only see your own and unassigned chats."}
          </p>
        </PaneMessage>
      );
    }
    if (state.detailError === "failed") {
      return (
        <PaneMessage onBack={onBack} testId="conversation-failed">
          <span className="rounded-full bg-red-50 p-3 text-red-600">
            <Icon name="alert" className="h-6 w-6" />
          </span>
          <p className="mt-3 font-medium text-slate-800" role="alert">
            Couldn’t load this conversation
          </p>
          <p className="mt-1 max-w-sm text-sm text-slate-500">Check your connection, then try again.</p>
          <Button className="mt-4" onClick={onReload}>
            Try again
          </Button>
        </PaneMessage>
      );
    }
    return (
      <PaneMessage onBack={onBack} testId="conversation-loading">
        <span role="status" className="text-sm text-slate-500">
          Loading conversation…
        </span>
      </PaneMessage>
    );
  }

  const limited = !context.viewer.seesAllChats;
  const assignable = limited ? context.agents.filter((a) => a.id === context.me.id) : context.agents;
  const resolved = conversation.status === "resolved";
  const spam = conversation.bucket === "spam";
  const lockedTitle = spam ? "The user is marked as spam: un-mark them first" : undefined;
  const contactMatches = state.contact?.id === conversation.contact.id ? state.contact : null;
  const blockedUntil = liveChatBlockedUntil(detail.conversation.context, contactMatches, now);
  // The conversation's "⋯" menu: other capabilities add their items here.
  const clientIdentifier =
    contactMatches?.identities.find((i) => i.channel === conversation.channel)?.identifier ?? null;
  const menuItems: ConversationMenuItem[] = [
    {
      id: "block-live-chat",
      label: "Block from live chat…",
      icon: "clock",
      danger: true,
      onSelect: () => setDialog("block"),
    },
    ...(context.canBan && conversation.bucket !== "banned"
      ? [
          {
            id: "ban-client",
            label: "Ban client…",
            icon: "ban" as const,
            danger: true,
            disabled: !clientIdentifier,
            onSelect: () => setDialog("ban"),
          },
        ]
      : []),
  ];

  return (
    <>
      {/* A container: beside the list and the user card the pane is narrower than the screen suggests. */}
      <header
        className={[
          "@container flex flex-wrap items-center gap-x-3 gap-y-2",
          "border-b border-slate-200 bg-white px-3 py-2 md:px-4",
        ].join(" ")}
      >
        <button
          type="button"
          onClick={onBack}
          className="rounded-md p-1 text-slate-600 hover:bg-slate-100 md:hidden"
          aria-label="Back to the list"
        >
          <Icon name="back" />
        </button>
        {/* Wide enough for the name: the actions wrap to their own row before the title shrinks away. */}
        <div className="min-w-40 flex-1">
          <div className="flex items-center gap-2">
            <ChannelIcon channel={conversation.channel} />
            <h2 className="truncate font-semibold" data-testid="conversation-title">
              {conversation.contact.name}
            </h2>
            {spam && <SpamFlag />}
          </div>
          {/* The status on the second line: the name keeps the width on a phone. A block wraps to its own
              line rather than being cut: it is what the agent must not miss. */}
          <div className="mt-0.5 flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
            <StatusBadge status={conversation.status} />
            <span>{CHANNEL_INFO[conversation.channel].label}</span>
            {blockedUntil && (
              <span className="text-red-700" data-testid="live-chat-blocked-badge">
                <Icon name="clock" className="inline h-3.5 w-3.5 align-[-2px]" /> Live chat blocked until{" "}
                <LocalTime iso={blockedUntil} />
              </span>
            )}
          </div>
        </div>
        {/* Beside the title on phones (the actions wrap below it there); with the actions from sm up. */}
        <ConversationMenu items={menuItems} label="Conversation actions" className="sm:hidden" />
        <ShowContactButton onClick={onShowContact} className="sm:hidden" />
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <label className="sr-only" htmlFor="assignee">
            Assignee
          </label>
          <select
            id="assignee"
            value={conversation.assignee?.id ?? ""}
            disabled={pending || spam}
            title={lockedTitle}
            onChange={(event) => run(() => assignConversationAction(conversation.id, event.target.value || null))}
            className={[
              "max-w-44 rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-sm",
              "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500",
            ].join(" ")}
          >
            <option value="">Unassigned</option>
            {conversation.assignee && !assignable.some((a) => a.id === conversation.assignee!.id) && (
              <option value={conversation.assignee.id}>{conversation.assignee.name}</option>
            )}
            {assignable.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.id === context.me.id ? `${agent.name} (me)` : agent.name}
              </option>
            ))}
          </select>
          <LabelPicker
            labels={context.labels}
            selected={conversation.labels.map((l) => l.id)}
            disabled={pending || spam}
            locked={lockedTitle}
            onToggle={(labelId, present) => run(() => setConversationLabelAction(conversation.id, labelId, present))}
          />
          {spam && <SpamMarkButton contact={conversation.contact} marked onDone={onReload} />}
          <Button
            size="sm"
            variant={resolved ? "secondary" : "primary"}
            disabled={pending}
            onClick={() => resolveRef.current()}
            title="Shortcut: e"
          >
            <Icon name="check" className="h-4 w-4" />
            {resolved ? "Reopen" : isLiveChat ? "End chat" : "Resolve"}
          </Button>
          <ConversationMenu items={menuItems} label="Conversation actions" className="hidden sm:block" />
          {/* With the actions from sm up, so it wraps with them rather than alone on a line. */}
          <ShowContactButton onClick={onShowContact} className="hidden sm:inline-flex" />
        </div>
        {detail.banHints.length > 0 && (
          <div className="w-full">
            <BanEvasionBadge hints={detail.banHints} />
          </div>
        )}
        {conversation.labels.length > 0 && (
          <div className="flex w-full flex-wrap gap-1.5">
            {conversation.labels.map((label) => (
              <LabelChip key={label.id} label={label} />
            ))}
          </div>
        )}
      </header>
      {error && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {state.detailError === "failed" && (
        <p
          role="alert"
          className={[
            "flex flex-wrap items-center gap-x-2 border-b border-amber-200",
            "bg-amber-50 px-4 py-2 text-sm text-amber-900",
          ].join(" ")}
          data-testid="conversation-stale"
        >
          Couldn’t refresh this conversation; what you see may be out of date.
          <button type="button" onClick={onReload} className="font-medium text-amber-950 underline hover:no-underline">
            Retry
          </button>
        </p>
      )}
      {conversation.spamScore !== null &&
        !spam &&
        (conversation.bucket === "suspected" || conversation.spamScore >= NOTABLE_SPAM_SCORE) && (
          <SpamScorePanel
            conversation={conversation}
            onConfirm={() => context.onConfirmSpam(conversation)}
            onDismiss={() => context.onDismissSuspicion(conversation)}
          />
        )}
      <Timeline
        // Its own scroll and "older messages" state per conversation (the composer's key is the id).
        key={`timeline-${conversation.id}`}
        messages={detail.messages}
        events={detail.events}
        agents={context.agents}
        hasOlder={detail.olderMessagesCursor !== null}
        onLoadOlder={onLoadOlder}
      />
      {spam && (
        <div
          className="flex flex-wrap items-center gap-3 border-t border-red-200 bg-red-50 px-4 py-3"
          data-testid="spam-lock-notice"
        >
          <SpamFlag className="h-5 w-5" />
          <p className="min-w-0 flex-1 text-sm text-red-900">
            <span className="font-medium">This user is marked as spam.</span> Their messages are kept here, but the chat
            cannot be answered, assigned or labelled.
          </p>
          <SpamMarkButton contact={conversation.contact} marked onDone={onReload} />
        </div>
      )}
      {/* Mounted while the chat is locked too: a reply being written when another agent marks the user
          as spam stays (with why it cannot be sent), and can be sent once they are un-marked. */}
      <Composer
        key={conversation.id}
        composerRef={composerRef}
        lockedReason={
          spam
            ? `${markedByName(conversation.spamMarkedById, context)} marked this user as spam, ` +
              "so replies cannot be sent"
            : null
        }
        onSend={async (body) => {
          const result = await sendReplyAction(conversation.id, body);
          if (!result.ok) return result.error.message;
          onMessageAdded(result.data.message);
          onConversationChanged(result.data.conversation);
          return null;
        }}
      />
      <EndChatDialog
        open={dialog === "end-chat"}
        onClose={() => setDialog(null)}
        conversation={conversation}
        authenticated={contactMatches?.authenticated ?? null}
        onEnded={(result) => {
          onConversationChanged(result.conversation);
          // The timeline and the user card gained the block: reload them (as after a spam change).
          onReload();
        }}
      />
      <BlockFromLiveChatDialog
        open={dialog === "block"}
        onClose={() => setDialog(null)}
        conversation={conversation}
        authenticated={contactMatches?.authenticated ?? null}
        onBlocked={() => onReload()}
      />
      <BanClientDialog
        ban={banConversationClientAction}
        open={dialog === "ban"}
        onClose={() => setDialog(null)}
        conversationId={conversation.id}
        channel={conversation.channel}
        identifier={clientIdentifier}
        contactName={conversation.contact.name}
        source="live_session"
        onBanned={() => onReload()}
      />
    </>
  );
}

/** Opens the user card where it is not always beside the conversation (below xl). */
function ShowContactButton({ onClick, className }: { onClick(): void; className: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={`rounded-md p-1.5 text-slate-600 hover:bg-slate-100 xl:hidden ${className}`}
      aria-label="Show user card"
    >
      <Icon name="user" />
    </button>
  );
}

/** The conversation pane without a conversation to show (loading, failed, not available), with the phone's way back. */
function PaneMessage({ children, onBack, testId }: { children: React.ReactNode; onBack(): void; testId: string }) {
  return (
    <div className="flex flex-1 flex-col bg-slate-50">
      <div className="border-b border-slate-200 bg-white px-3 py-2 md:hidden">
        <button
          type="button"
          onClick={onBack}
          className="flex items-center gap-1 rounded-md p-1 text-sm text-slate-700 hover:bg-slate-100"
        >
          <Icon name="back" /> Back to the list
        </button>
      </div>
      <div className="flex flex-1 flex-col items-center justify-center px-6 text-center" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/**
 * When the user is blocked from live chat: the anonymous visitor's context value, or the signed-in
 * user's block; `now` null (server render, hydration) shows what the server read.
 */
function liveChatBlockedUntil(
  context: Record<string, unknown>,
  contact: { authenticated: boolean; liveChat: { blockedUntil: string } | null } | null,
  now: number | null,
): string | null {
  const until = contact?.authenticated ? contact.liveChat?.blockedUntil : context.LiveChatBlockedUntil;
  return typeof until === "string" && (now === null || new Date(until).getTime() > now) ? until : null;
}

function StatusBadge({ status }: { status: "waiting" | "open" | "resolved" }) {
  const styles = {
    waiting: "bg-amber-50 text-amber-800",
    open: "bg-sky-50 text-sky-800",
    resolved: "bg-emerald-50 text-emerald-800",
  };
  const text = { waiting: "Waiting", open: "Open", resolved: "Resolved" };
  return (
    <span
      className={`shrink-0 rounded-full px-2 py-px text-xs font-medium ${styles[status]}`}
      data-testid="conversation-status"
    >
      {text[status]}
    </span>
  );
}

function LabelPicker({
  labels,
  selected,
  disabled,
  locked,
  onToggle,
}: {
  labels: InboxContext["labels"];
  selected: string[];
  disabled: boolean;
  /** Why the labels cannot change now (shown on the button, which then does not open). */
  locked?: string;
  onToggle(labelId: string, present: boolean): void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  // The box shows the agent's choice at once; the server's answer (a new `selected`) then replaces it.
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const selectedKey = selected.join(",");
  useEffect(() => {
    // A new answer from the server, or the end of a (possibly failed) change: show the truth again.
    if (!disabled) setOptimistic({});
  }, [selectedKey, disabled]);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    // Escape closes the open picker, back on its button — wherever the focus is (a checkbox just toggled is
    // disabled while its change runs, which drops the focus) — and is not the inbox's "back a pane".
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !ref.current?.open) return;
      event.preventDefault();
      ref.current.open = false;
      ref.current.querySelector("summary")?.focus();
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", closeOnEscape, true);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", closeOnEscape, true);
    };
  }, []);
  return (
    <details ref={ref} className="relative">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a summary is its details' native disclosure button */}
      <summary
        aria-disabled={locked ? true : undefined}
        title={locked}
        onClick={(event) => {
          // Locked (a spam-marked user's chat): it does not open, and looks it.
          if (locked) event.preventDefault();
        }}
        className={[
          "flex list-none items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1.5 text-xs font-medium",
          locked
            ? "cursor-not-allowed bg-slate-100 text-slate-500"
            : "cursor-pointer bg-white text-slate-700 hover:bg-slate-50",
        ].join(" ")}
      >
        <Icon name="tag" className="h-4 w-4" />
        {/* Icon only where the header is narrow (a phone, a tablet with the list beside it). */}
        <span className="sr-only @min-[26rem]:not-sr-only">Labels</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        {labels.length === 0 ? (
          <p className="p-2 text-sm text-slate-500">No labels yet. Admins create them in Settings → Labels.</p>
        ) : (
          labels.map((label) => (
            <label
              key={label.id}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-50"
            >
              <input
                type="checkbox"
                checked={optimistic[label.id] ?? selected.includes(label.id)}
                disabled={disabled}
                onChange={(event) => {
                  setOptimistic({ ...optimistic, [label.id]: event.target.checked });
                  onToggle(label.id, event.target.checked);
                }}
                className="h-4 w-4 rounded border-slate-300"
              />
              <LabelChip label={label} />
            </label>
          ))
        )}
      </div>
    </details>
  );
}

/** "Ann Agent", "You", or "Someone" when the marker is not an agent of the list (an API key, a rule). */
/** The classifier's view of the chat: its highest score and why; for a suspected chat, the two verdicts. */
function SpamScorePanel({
  conversation,
  onConfirm,
  onDismiss,
}: {
  conversation: ConversationSummary;
  onConfirm(): void;
  onDismiss(): void;
}) {
  const suspected = conversation.bucket === "suspected";
  const score = conversation.spamScore ?? 0;
  return (
    <div
      className={[
        "flex flex-wrap items-center gap-x-3 gap-y-2 border-b px-4 py-2 text-sm",
        suspected ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900",
      ].join(" ")}
      data-testid="spam-score-panel"
    >
      {/* At least 16 rem for the words: on a phone the buttons go below them. */}
      <p className="min-w-0 flex-[1_1_16rem]">
        <span className="font-medium">
          {suspected ? "Suspected spam" : "Likely spam"} · {formatSpamScore(score)}
        </span>
        {conversation.spamReasons.length > 0 && <span> — {spamReasonsText(conversation.spamReasons)}</span>}
      </p>
      {suspected && (
        <div className="flex items-center gap-2">
          <Button size="sm" variant="danger" onClick={onConfirm} title="Shortcut: s">
            <Icon name="flag" className="h-4 w-4" /> Confirm spam
          </Button>
          <Button size="sm" onClick={onDismiss} title="Shortcut: d">
            <Icon name="check" className="h-4 w-4" /> Not spam
          </Button>
        </div>
      )}
    </div>
  );
}

function markedByName(agentId: string | null, context: InboxContext): string {
  if (agentId && agentId === context.me.id) return "You";
  return context.agents.find((agent) => agent.id === agentId)?.name ?? "Someone";
}

// Touch screens (phones, tablets): Enter writes a new line — there is no Shift to hold — and the Send
// button sends. Read in the browser only, so the server render and hydration agree (desktop first).
const TOUCH_QUERY = "(pointer: coarse)";
function subscribeToPointer(onChange: () => void) {
  const query = window.matchMedia(TOUCH_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
function useTouchScreen(): boolean {
  return useSyncExternalStore(
    subscribeToPointer,
    () => window.matchMedia(TOUCH_QUERY).matches,
    () => false,
  );
}

function Composer({
  composerRef,
  lockedReason,
  onSend,
}: {
  composerRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Why the chat cannot be answered now (null: it can). */
  lockedReason: string | null;
  onSend(body: string): Promise<string | null>;
}) {
  const [body, setBody] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const touch = useTouchScreen();

  // Locked with nothing written: the lock notice says it all.
  if (lockedReason && !body) return null;

  async function send() {
    if (!body.trim() || sending || lockedReason) return;
    setSending(true);
    setError(null);
    const failure = await onSend(body);
    setSending(false);
    if (failure) setError(failure);
    else setBody("");
  }

  return (
    <form
      className="border-t border-slate-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {lockedReason ? (
        <p role="alert" className="mb-2 flex items-start gap-1.5 text-sm text-red-800" data-testid="composer-locked">
          <Icon name="lock" className="mt-0.5 h-4 w-4 shrink-0" />
          <span>Your reply was not sent: {lockedReason}. It stays here until they are un-marked.</span>
        </p>
      ) : (
        error && (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {error}
          </p>
        )
      )}
      <div className="flex items-end gap-2">
        <label htmlFor="composer" className="sr-only">
          Reply
        </label>
        <textarea
          id="composer"
          ref={composerRef}
          value={body}
          rows={2}
          placeholder={touch ? "Write a reply…" : "Write a reply… (Enter to send, Shift+Enter for a new line)"}
          enterKeyHint={touch ? "enter" : "send"}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !touch && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void send();
            }
            if (event.key === "Escape") event.currentTarget.blur();
          }}
          // 16 px text on touch screens: smaller makes phones zoom into the field.
          // Grows with what is written (wrapped lines too), up to about eight lines.
          className={[
            "field-sizing-content max-h-48 min-h-16 flex-1 resize-none rounded-lg border border-slate-300",
            "px-3 py-2 text-sm focus:border-brand-500 focus:outline-none pointer-coarse:text-base",
          ].join(" ")}
        />
        <Button
          type="submit"
          variant="primary"
          disabled={sending || !body.trim() || Boolean(lockedReason)}
          aria-label="Send reply"
          // A finger-sized target (44 × 44 px) on touch screens.
          className="pointer-coarse:min-h-11 pointer-coarse:min-w-11"
        >
          <Icon name="send" className="h-4 w-4" />
          <span className="hidden sm:inline">{sending ? "Sending…" : "Send"}</span>
        </Button>
      </div>
    </form>
  );
}
