"use client";
// The agent's workspace: lists on the left, the conversation in the middle, the user card on the
// right (one pane at a time on a phone). Kept live by the realtime events; resyncs on every connect.
// Switching lists happens here, not by a page navigation: the URL follows (history.pushState, which
// Next's router adopts without rendering the page again), so the socket and the open conversation stay.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { INBOX_LISTS, LIST_LABELS, type InboxList, type Viewer } from "@/lib/conversations/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { inboxReducer, type InboxState } from "./inbox-state";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { ContactCard } from "./contact-card";
import { fetchJson, FetchError } from "./fetch-json";
import { showDesktopNotification } from "./desktop-notifications";
import { useInboxKeyboard } from "./use-inbox-keyboard";
import { dismissSpamSuspicionAction, setContactSpamMarkAction, takeNextConversationAction } from "@/app/(app)/inbox/actions";
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

type Page = { items: ConversationSummary[]; nextCursor: string | null };

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
  const initial: InboxState = {
    viewer: props.viewer,
    list: props.list,
    listStatus: "ready",
    rows: props.initialPage.items,
    nextCursor: props.initialPage.nextCursor,
    counts: props.initialCounts,
    selectedId: selected?.detail.conversation.id ?? missing,
    detail: selected?.detail ?? null,
    detailError: missing ? "not_found" : null,
    contact: selected?.contact ?? null,
    contactFailed: false,
    focusIndex: -1,
    pane: selected || missing ? "conversation" : "list",
    checked: [],
  };
  const [state, dispatch] = useReducer(inboxReducer, initial);
  const stateRef = useRef(state);
  stateRef.current = state;

  const loadDetail = useCallback(async (id: string) => {
    let detail: ConversationDetail;
    try {
      detail = await fetchJson<ConversationDetail>(`/api/v1/conversations/${encodeURIComponent(id)}`);
    } catch (error) {
      // 404: gone, or no longer visible (e.g. reassigned away from a limited agent). Anything else
      // (offline, a server error) may pass: the pane offers a retry.
      dispatch({ type: "detail.failed", id, error: error instanceof FetchError && error.status === 404 ? "not_found" : "failed" });
      return;
    }
    dispatch({ type: "detail.loaded", detail });
    const contactId = detail.conversation.contact.id;
    try {
      const contact = await fetchJson<ContactDetail>(`/api/v1/contacts/${encodeURIComponent(contactId)}`);
      if (stateRef.current.selectedId === id) dispatch({ type: "contact.loaded", contact });
    } catch {
      if (stateRef.current.selectedId === id) dispatch({ type: "contact.failed", contactId });
    }
  }, []);

  const loadOlderMessages = useCallback(async () => {
    const { detail } = stateRef.current;
    if (!detail?.olderMessagesCursor) return;
    const id = detail.conversation.id;
    const page = await fetchJson<ConversationDetail>(
      `/api/v1/conversations/${encodeURIComponent(id)}?before=${encodeURIComponent(detail.olderMessagesCursor)}`,
    );
    dispatch({ type: "detail.olderLoaded", page });
  }, []);

  const select = useCallback(
    (id: string | null, { updateUrl = true }: { updateUrl?: boolean } = {}) => {
      dispatch({ type: "conversation.selected", id });
      if (updateUrl) window.history.replaceState(null, "", urlFor(stateRef.current.list, id));
      if (id) void loadDetail(id);
    },
    [loadDetail],
  );

  // A list fetched while events arrive may predate them (the server read it before they were
  // committed), and putting it in place would drop them: count the list events that arrive during a
  // fetch and fetch again if any came, since the next read follows their commit.
  const listEventsRef = useRef(0);
  const fetchSettled = useCallback(async <T,>(fetch: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const seen = listEventsRef.current;
      const result = await fetch();
      if (listEventsRef.current === seen || attempt === 3) return result;
    }
  }, []);

  const loadList = useCallback(async (list: InboxList) => {
    try {
      const page = await fetchSettled(() => fetchJson<Page>(`/api/v1/conversations?list=${list}`));
      dispatch({ type: "list.loaded", list, rows: page.items, nextCursor: page.nextCursor, append: false });
    } catch {
      dispatch({ type: "list.failed", list });
    }
  }, [fetchSettled]);

  /** Shows another list; `push` adds a history entry (a tab click), popstate does not. */
  const showList = useCallback(
    (list: InboxList, { push }: { push: boolean }) => {
      const current = stateRef.current;
      if (!props.lists.includes(list) || (list === current.list && current.listStatus !== "failed")) return;
      dispatch({ type: "list.switched", list });
      if (push) window.history.pushState(null, "", urlFor(list, current.selectedId));
      document.title = `${LIST_LABELS[list]} · Bouncer`;
      void loadList(list);
    },
    [loadList, props.lists],
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

  const resync = useCallback(async () => {
    const { list, selectedId } = stateRef.current;
    const [page, counts] = await fetchSettled(() =>
      Promise.all([
        fetchJson<Page>(`/api/v1/conversations?list=${list}`),
        fetchJson<Partial<Record<InboxList, number>>>(`/api/v1/conversations/counts`),
      ]),
    ).catch(() => [null, null] as const);
    if (page) dispatch({ type: "list.loaded", list, rows: page.items, nextCursor: page.nextCursor, append: false });
    if (counts) dispatch({ type: "counts.loaded", counts });
    if (selectedId) void loadDetail(selectedId);
  }, [loadDetail, fetchSettled]);

  const { socket, state: connection } = useRealtime({
    "session.ready": () => void resync(),
    "conversation.updated": ({ conversation, previous }) => {
      listEventsRef.current++;
      dispatch({ type: "conversation.changed", conversation, previous });
      // Its timeline may have gained a system line ("Assigned to …").
      if (stateRef.current.selectedId === conversation.id) void loadDetail(conversation.id);
    },
    "message.created": ({ conversation, previous, message }) => {
      listEventsRef.current++;
      dispatch({ type: "conversation.changed", conversation, previous });
      dispatch({ type: "message.added", message });
    },
    "notification.created": (notification) =>
      showDesktopNotification(notification, () => {
        window.focus();
        select(notification.conversationId);
      }),
    "contact.spam_changed": (event) => {
      listEventsRef.current++;
      dispatch({ type: "contact.spamChanged", event });
      // More chats moved than the event carries in full: the list shown may miss some of them.
      if (event.totalConversations > event.conversations.length) void resync();
      const { detail, selectedId } = stateRef.current;
      if (selectedId && detail?.conversation.contact.id === event.contactId) void loadDetail(selectedId);
    },
    "contact.updated": ({ contactId }) => {
      const { contact, selectedId } = stateRef.current;
      if (contact?.id === contactId && selectedId) void loadDetail(selectedId);
    },
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

  const loadMore = useCallback(async () => {
    const { list, nextCursor } = stateRef.current;
    if (!nextCursor) return;
    const page = await fetchJson<Page>(`/api/v1/conversations?list=${list}&cursor=${encodeURIComponent(nextCursor)}`);
    // Only onto the page it follows: not after a switch or a resync that replaced the rows.
    if (stateRef.current.list === list && stateRef.current.nextCursor === nextCursor) {
      dispatch({ type: "list.loaded", list, rows: page.items, nextCursor: page.nextCursor, append: true });
    }
  }, []);

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
      dispatch({ type: "conversation.refreshed", conversation: taken });
      select(taken.id);
      toast.success(`You took the chat with ${taken.contact.name}`);
    } finally {
      takingRef.current = false;
    }
  }, [select]);

  // Suspected spam: s confirms (marks the user as spam, with all that does), d dismisses. The target is
  // the focused row of the Suspected list, else the open conversation while it is suspected.
  const suspicionTarget = useCallback((): ConversationSummary | null => {
    const { list, rows, focusIndex, detail } = stateRef.current;
    const focused = list === "suspected" ? rows[focusIndex] : undefined;
    if (focused) return focused;
    return detail?.conversation.bucket === "suspected" ? detail.conversation : null;
  }, []);
  const confirmSpam = useCallback(async (conversation: ConversationSummary | null = suspicionTarget()) => {
    if (!conversation) return;
    const result = await setContactSpamMarkAction(conversation.contact.id, true);
    if (!result.ok) return toast.error(result.error.message);
    toast.success(`${conversation.contact.name} marked as spam`);
  }, [suspicionTarget]);
  const dismissSuspicion = useCallback(async (conversation: ConversationSummary | null = suspicionTarget()) => {
    if (!conversation) return;
    const result = await dismissSpamSuspicionAction(conversation.id);
    if (!result.ok) return toast.error(result.error.message);
    dispatch({ type: "conversation.refreshed", conversation: result.data.conversation });
    toast.success(`${conversation.contact.name}: not spam`);
  }, [suspicionTarget]);

  const composerRef = useRef<HTMLTextAreaElement>(null);
  const resolveRef = useRef<() => void>(() => {});
  useInboxKeyboard({
    onMove: (by) => dispatch({ type: "focus.moved", by }),
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
      <div className={`${state.pane === "list" ? "flex" : "hidden"} w-full min-w-0 flex-col border-r border-slate-200 bg-white md:flex md:w-80 lg:w-[25rem] md:shrink-0`}>
        <ConversationList
          state={state}
          dispatch={dispatch}
          lists={props.lists}
          connection={connection}
          onSelect={select}
          onSwitchList={(list) => showList(list, { push: true })}
          onRetryList={() => showList(stateRef.current.list, { push: false })}
          onLoadMore={loadMore}
          onTakeNext={() => void takeNext()}
        />
      </div>
      {/* Phones show one pane; from md the list stays and the conversation or the user card sits
          beside it; from xl all three. */}
      <div
        className={`${state.pane === "conversation" ? "flex" : "hidden"} ${state.pane === "contact" ? "md:hidden" : "md:flex"} min-w-0 flex-1 flex-col xl:flex`}
      >
        <ConversationView
          state={state}
          context={context}
          dispatch={dispatch}
          composerRef={composerRef}
          resolveRef={resolveRef}
          onBack={() => dispatch({ type: "pane.shown", pane: "list" })}
          onShowContact={() => dispatch({ type: "pane.shown", pane: "contact" })}
          onReload={() => state.selectedId && void loadDetail(state.selectedId)}
          onLoadOlder={loadOlderMessages}
        />
      </div>
      {state.selectedId && state.detailError !== "not_found" && (
        <aside
          aria-label="User card"
          className={`${state.pane === "contact" ? "flex" : "hidden"} min-w-0 flex-1 flex-col border-l border-slate-200 bg-white xl:flex xl:w-80 xl:flex-none`}
        >
          <ContactCard
            contact={state.contact}
            failed={state.contactFailed}
            selectedConversationId={state.selectedId}
            onBack={() => dispatch({ type: "pane.shown", pane: "conversation" })}
            onOpenConversation={select}
            onChanged={(contact) => dispatch({ type: "contact.loaded", contact })}
            onReload={() => state.selectedId && void loadDetail(state.selectedId)}
          />
        </aside>
      )}
    </div>
  );
}
