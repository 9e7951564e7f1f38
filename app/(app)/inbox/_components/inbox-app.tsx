"use client";
// The agent's workspace: lists on the left, the conversation in the middle, the user card on the
// right (one pane at a time on a phone). The server data is in the query cache (use-inbox-data.ts), kept
// live by the realtime events and refetched on every connect; the reducer holds only what the agent is doing.
// Switching lists happens here, not by a page navigation: the URL follows (history.pushState, which
// Next's router adopts without rendering the page again), so the socket and the open conversation stay.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { INBOX_LISTS, LIST_LABELS, type InboxList, type Viewer } from "@/lib/conversations/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { cursorIndex, inboxReducer, type InboxView } from "./inbox-state";
import { useInboxData } from "./use-inbox-data";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { ContactCard } from "./contact-card";
import { showDesktopNotification } from "./desktop-notifications";
import { useInboxKeyboard } from "./use-inbox-keyboard";
import {
  dismissSpamSuspicionAction,
  setContactSpamMarkAction,
  takeNextConversationAction,
} from "@/app/(app)/inbox/actions";
import { toast } from "@/components/toaster";

export interface InboxAppProps {
  viewer: Viewer;
  me: { id: string; name: string };
  list: InboxList;
  lists: InboxList[];
  initialPage: { items: ConversationSummary[]; nextCursor: string | null };
  initialCounts: Partial<Record<InboxList, number>>;
  initialSelected: { detail: ConversationDetail; contact: ContactDetail } | { missing: string } | null;
  agents: Array<{ id: string; name: string }>;
  labels: Array<{ id: string; name: string; color: string }>;
  canBan: boolean;
}

function urlFor(list: InboxList, conversationId: string | null) {
  return conversationId ? `/inbox/${list}?c=${encodeURIComponent(conversationId)}` : `/inbox/${list}`;
}

/** The list and open conversation the address bar names (/inbox/<list>?c=<id>). */
function locationView(): { list: InboxList | null; conversationId: string | null } {
  const segment = window.location.pathname.match(/^\/inbox\/([^/]+)\/?$/)?.[1];
  const list = (INBOX_LISTS as readonly string[]).includes(segment ?? "") ? (segment as InboxList) : null;
  return { list, conversationId: new URLSearchParams(window.location.search).get("c") };
}

export function InboxApp(props: InboxAppProps) {
  const selected = props.initialSelected && "detail" in props.initialSelected ? props.initialSelected : null;
  // ?c= named a conversation this agent cannot see: the conversation pane says so.
  const missing = props.initialSelected && "missing" in props.initialSelected ? props.initialSelected.missing : null;
  const [ui, dispatch] = useReducer(inboxReducer, {
    list: props.list,
    selectedId: selected?.detail.conversation.id ?? missing,
    focusedId: null,
    focusIndex: -1,
    pane: selected || missing ? "conversation" : "list",
    checked: [],
  });
  const data = useInboxData({
    viewer: props.viewer,
    list: ui.list,
    selectedId: ui.selectedId,
    missingId: missing,
    seed: { list: props.list, page: props.initialPage, counts: props.initialCounts, selected },
  });
  const state: InboxView = {
    viewer: props.viewer,
    list: ui.list,
    selectedId: ui.selectedId,
    pane: ui.pane,
    listStatus: data.listStatus,
    rows: data.rows,
    nextCursor: data.nextCursor,
    counts: data.counts,
    detail: data.detail,
    detailError: data.detailError,
    contact: data.contact,
    contactFailed: data.contactFailed,
    focusIndex: cursorIndex(
      ui,
      data.rows.map((row) => row.id),
    ),
    checked: ui.checked.filter((id) => data.rows.some((row) => row.id === id)),
  };
  const stateRef = useRef(state);
  stateRef.current = state;

  const { conversationOpened } = data;
  const select = useCallback(
    (id: string | null, { updateUrl = true }: { updateUrl?: boolean } = {}) => {
      if (id) conversationOpened(id);
      dispatch({ type: "conversation.selected", id });
      if (updateUrl) window.history.replaceState(null, "", urlFor(stateRef.current.list, id));
    },
    [conversationOpened],
  );

  /** Shows another list; `push` adds a history entry (a tab click), popstate does not. */
  const showList = useCallback(
    (list: InboxList, { push }: { push: boolean }) => {
      const current = stateRef.current;
      if (!props.lists.includes(list) || list === current.list) return;
      dispatch({ type: "list.switched", list });
      if (push) window.history.pushState(null, "", urlFor(list, current.selectedId));
      document.title = `${LIST_LABELS[list]} · Bouncer`;
    },
    [props.lists],
  );

  // Back / Forward between inbox addresses, and a page restored from the router cache for an address
  // whose list was switched in here: follow the address bar.
  useEffect(() => {
    const follow = () => {
      const { list, conversationId } = locationView();
      if (!list) return;
      if (list !== stateRef.current.list) showList(list, { push: false });
      if (conversationId !== stateRef.current.selectedId) select(conversationId, { updateUrl: false });
    };
    follow();
    window.addEventListener("popstate", follow);
    return () => window.removeEventListener("popstate", follow);
  }, [showList, select]);

  const { events } = data;
  const { socket, state: connection } = useRealtime({
    "session.ready": () => events.resync(),
    "conversation.updated": ({ conversation, previous, timeline, context, message }) => {
      events.conversationChanged(conversation, previous, context);
      if (message) events.messageAdded(message); // a banned sender's, held out of the lists
      // The lines it wrote ("Assigned to …") come with it; an event without them means a read is needed.
      if (timeline) events.timelineAdded(conversation.id, timeline);
      else if (stateRef.current.selectedId === conversation.id) events.timelineChanged(conversation.id);
    },
    "message.created": ({ conversation, previous, message, timeline }) => {
      events.conversationChanged(conversation, previous);
      events.messageAdded(message);
      if (timeline) events.timelineAdded(conversation.id, timeline); // "Reopened by the contact"
    },
    "notification.created": (notification) =>
      showDesktopNotification(notification, () => {
        window.focus();
        select(notification.conversationId);
      }),
    "contact.spam_changed": (event) => events.contactSpamChanged(event),
    "contact.updated": (event) => events.contactUpdated(event),
  });

  // The open conversation's room: its events arrive even when it is in none of this agent's lists.
  const roomId = state.detailError === "not_found" ? null : state.selectedId;
  useEffect(() => {
    if (!socket || !roomId) return;
    const id = roomId;
    const join = () => socket.emit("conversation.join", id, () => {});
    join();
    socket.on("connect", join);
    return () => {
      socket.off("connect", join);
      socket.emit("conversation.leave", id);
    };
  }, [socket, roomId]);

  // "Take next" (t): the chat waiting longest is assigned to this agent and opens.
  const takingRef = useRef(false);
  const takeNext = useCallback(async () => {
    if (takingRef.current) return;
    takingRef.current = true;
    try {
      const result = await takeNextConversationAction();
      if (!result.ok) return toast.error(result.error.message);
      const taken = result.data.conversation;
      if (!taken) return toast.info("Nobody is waiting in the queue");
      events.conversationChanged(taken);
      select(taken.id);
      toast.success(`You took the chat with ${taken.contact.name}`);
    } finally {
      takingRef.current = false;
    }
  }, [select, events]);

  // Suspected spam: s confirms (marks the user as spam, with all that does), d dismisses. The target is
  // the focused row of the Suspected list, else the open conversation while it is suspected.
  const suspicionTarget = useCallback((): ConversationSummary | null => {
    const { list, rows, focusIndex, detail } = stateRef.current;
    const focused = list === "suspected" ? rows[focusIndex] : undefined;
    if (focused) return focused;
    return detail?.conversation.bucket === "suspected" ? detail.conversation : null;
  }, []);
  const confirmSpam = useCallback(
    async (conversation: ConversationSummary | null = suspicionTarget()) => {
      if (!conversation) return;
      const result = await setContactSpamMarkAction(conversation.contact.id, true);
      if (!result.ok) return toast.error(result.error.message);
      toast.success(`${conversation.contact.name} marked as spam`);
    },
    [suspicionTarget],
  );
  const dismissSuspicion = useCallback(
    async (conversation: ConversationSummary | null = suspicionTarget()) => {
      if (!conversation) return;
      const result = await dismissSpamSuspicionAction(conversation.id);
      if (!result.ok) return toast.error(result.error.message);
      events.conversationChanged(result.data.conversation);
      toast.success(`${conversation.contact.name}: not spam`);
    },
    [suspicionTarget, events],
  );

  const composerRef = useRef<HTMLTextAreaElement>(null);
  const resolveRef = useRef<() => void>(() => {});
  useInboxKeyboard({
    onMove: (by) =>
      dispatch({
        type: "focus.moved",
        by,
        rowIds: stateRef.current.rows.map((row) => row.id),
        from: stateRef.current.focusIndex,
      }),
    onOpen: () => {
      const row = stateRef.current.rows[stateRef.current.focusIndex];
      if (row) select(row.id);
    },
    onReply: () => composerRef.current?.focus(),
    onResolve: () => resolveRef.current(),
    onTakeNext: () => void takeNext(),
    onConfirmSpam: () => void confirmSpam(),
    onDismissSuspicion: () => void dismissSuspicion(),
    onBack: () => dispatch({ type: "pane.shown", pane: stateRef.current.pane === "contact" ? "conversation" : "list" }),
  });

  const context = useMemo(
    () => ({
      me: props.me,
      agents: props.agents,
      labels: props.labels,
      viewer: props.viewer,
      canBan: props.canBan,
      onConfirmSpam: (conversation: ConversationSummary) => void confirmSpam(conversation),
      onDismissSuspicion: (conversation: ConversationSummary) => void dismissSuspicion(conversation),
    }),
    [props.me, props.agents, props.labels, props.viewer, props.canBan, confirmSpam, dismissSuspicion],
  );

  return (
    <div className="flex h-full min-h-0">
      <div
        className={[
          state.pane === "list" ? "flex" : "hidden",
          "w-full min-w-0 flex-col border-r border-slate-200 bg-white md:flex md:w-80 lg:w-[25rem] md:shrink-0",
        ].join(" ")}
      >
        <ConversationList
          state={state}
          dispatch={dispatch}
          lists={props.lists}
          connection={connection}
          onSelect={select}
          onSwitchList={(list) => showList(list, { push: true })}
          onRetryList={data.retryList}
          onLoadMore={data.loadMore}
          onTakeNext={() => void takeNext()}
        />
      </div>
      {/* Phones show one pane; from md the list stays and the conversation or the user card sits
          beside it; from xl all three. */}
      <div
        className={[
          state.pane === "conversation" ? "flex" : "hidden",
          state.pane === "contact" ? "md:hidden" : "md:flex",
          "min-w-0 flex-1 flex-col xl:flex",
        ].join(" ")}
      >
        <ConversationView
          state={state}
          context={context}
          composerRef={composerRef}
          resolveRef={resolveRef}
          onBack={() => dispatch({ type: "pane.shown", pane: "list" })}
          onShowContact={() => dispatch({ type: "pane.shown", pane: "contact" })}
          onReload={data.reloadConversation}
          onLoadOlder={data.loadOlderMessages}
          onConversationChanged={events.conversationChanged}
          onMessageAdded={events.messageAdded}
        />
      </div>
      {state.selectedId && state.detailError !== "not_found" && (
        <aside
          aria-label="User card"
          className={[
            state.pane === "contact" ? "flex" : "hidden",
            "min-w-0 flex-1 flex-col border-l border-slate-200 bg-white xl:flex xl:w-80 xl:flex-none",
          ].join(" ")}
        >
          <ContactCard
            contact={state.contact}
            failed={state.contactFailed}
            selectedConversationId={state.selectedId}
            onBack={() => dispatch({ type: "pane.shown", pane: "conversation" })}
            onOpenConversation={select}
            onChanged={data.contactLoaded}
            onReload={data.reloadConversation}
          />
        </aside>
      )}
    </div>
  );
}
