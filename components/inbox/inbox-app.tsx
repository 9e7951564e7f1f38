"use client";
// The agent's workspace: lists on the left, the conversation in the middle, the user card on the
// right (one pane at a time on a phone). Kept live by the realtime events; resyncs on every connect.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ConversationSummary } from "@/lib/inbox/conversation-summary";
import type { InboxList, Viewer } from "@/lib/inbox/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { inboxReducer, type InboxState } from "./inbox-state";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { ContactCard } from "./contact-card";
import { fetchJson } from "./fetch-json";
import { showDesktopNotification } from "./desktop-notifications";
import { useInboxKeyboard } from "./use-inbox-keyboard";

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

export type InboxDispatch = React.Dispatch<Parameters<typeof inboxReducer>[1]>;

function urlFor(list: InboxList, conversationId: string | null) {
  return conversationId ? `/inbox/${list}?c=${encodeURIComponent(conversationId)}` : `/inbox/${list}`;
}

export function InboxApp(props: InboxAppProps) {
  const selected = props.initialSelected && "detail" in props.initialSelected ? props.initialSelected : null;
  const initial: InboxState = {
    viewer: props.viewer,
    list: props.list,
    rows: props.initialPage.items,
    nextCursor: props.initialPage.nextCursor,
    counts: props.initialCounts,
    selectedId: selected?.detail.conversation.id ?? null,
    detail: selected?.detail ?? null,
    contact: selected?.contact ?? null,
    focusIndex: -1,
    pane: selected ? "conversation" : "list",
    checked: [],
  };
  const [state, dispatch] = useReducer(inboxReducer, initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  const missing = props.initialSelected && "missing" in props.initialSelected ? props.initialSelected.missing : null;

  const loadDetail = useCallback(async (id: string) => {
    try {
      const detail = await fetchJson<ConversationDetail>(`/api/v1/conversations/${encodeURIComponent(id)}`);
      dispatch({ type: "detail.loaded", detail });
      const contact = await fetchJson<ContactDetail>(`/api/v1/contacts/${encodeURIComponent(detail.conversation.contact.id)}`);
      if (stateRef.current.selectedId === id) dispatch({ type: "contact.loaded", contact });
    } catch {
      // Gone or no longer visible (e.g. reassigned away from a limited agent): close it.
      if (stateRef.current.selectedId === id) {
        dispatch({ type: "conversation.selected", id: null });
        window.history.replaceState(null, "", urlFor(stateRef.current.list, null));
      }
    }
  }, []);

  const select = useCallback(
    (id: string | null) => {
      dispatch({ type: "conversation.selected", id });
      window.history.replaceState(null, "", urlFor(stateRef.current.list, id));
      if (id) void loadDetail(id);
    },
    [loadDetail],
  );

  const resync = useCallback(async () => {
    const { list, selectedId } = stateRef.current;
    const [page, counts] = await Promise.all([
      fetchJson<{ items: ConversationSummary[]; nextCursor: string | null }>(`/api/v1/conversations?list=${list}`),
      fetchJson<Partial<Record<InboxList, number>>>(`/api/v1/conversations/counts`),
    ]).catch(() => [null, null] as const);
    if (page) dispatch({ type: "list.loaded", list, rows: page.items, nextCursor: page.nextCursor, append: false });
    if (counts) dispatch({ type: "counts.loaded", counts });
    if (selectedId) void loadDetail(selectedId);
  }, [loadDetail]);

  const { socket, state: connection } = useRealtime({
    "session.ready": () => void resync(),
    "conversation.updated": ({ conversation, previous }) => {
      dispatch({ type: "conversation.changed", conversation, previous });
      // Its timeline may have gained a system line ("Assigned to …").
      if (stateRef.current.selectedId === conversation.id) void loadDetail(conversation.id);
    },
    "message.created": ({ conversation, previous, message }) => {
      dispatch({ type: "conversation.changed", conversation, previous });
      dispatch({ type: "message.added", message });
    },
    "notification.created": (notification) =>
      showDesktopNotification(notification, () => {
        window.focus();
        select(notification.conversationId);
      }),
    "contact.spam_changed": (event) => {
      dispatch({ type: "contact.spamChanged", event });
      const { detail, selectedId } = stateRef.current;
      if (selectedId && detail?.conversation.contact.id === event.contactId) void loadDetail(selectedId);
    },
    "contact.updated": ({ contactId }) => {
      const { contact, selectedId } = stateRef.current;
      if (contact?.id === contactId && selectedId) void loadDetail(selectedId);
    },
  });

  // The open conversation's room: its events arrive even when it is in none of this agent's lists.
  useEffect(() => {
    if (!socket || !state.selectedId) return;
    const id = state.selectedId;
    const join = () => socket.emit("conversation.join", id, () => {});
    join();
    socket.on("connect", join);
    return () => {
      socket.off("connect", join);
      socket.emit("conversation.leave", id);
    };
  }, [socket, state.selectedId]);

  const loadMore = useCallback(async () => {
    const { list, nextCursor } = stateRef.current;
    if (!nextCursor) return;
    const page = await fetchJson<{ items: ConversationSummary[]; nextCursor: string | null }>(
      `/api/v1/conversations?list=${list}&cursor=${encodeURIComponent(nextCursor)}`,
    );
    // Only onto the page it follows: not after a switch or a resync that replaced the rows.
    if (stateRef.current.list === list && stateRef.current.nextCursor === nextCursor) {
      dispatch({ type: "list.loaded", list, rows: page.items, nextCursor: page.nextCursor, append: true });
    }
  }, []);

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
    onBack: () => dispatch({ type: "pane.shown", pane: stateRef.current.pane === "contact" ? "conversation" : "list" }),
  });

  const context = useMemo(
    () => ({ me: props.me, agents: props.agents, labels: props.labels, viewer: props.viewer, canBan: props.canBan }),
    [props.me, props.agents, props.labels, props.viewer, props.canBan],
  );

  return (
    <div className="flex h-full min-h-0">
      <div className={`${state.pane === "list" ? "flex" : "hidden"} w-full min-w-0 flex-col border-r border-slate-200 bg-white md:flex md:w-80 lg:w-[25rem] md:shrink-0`}>
        <ConversationList state={state} dispatch={dispatch} lists={props.lists} connection={connection} onSelect={select} onLoadMore={loadMore} />
      </div>
      <div className={`${state.pane === "conversation" ? "flex" : "hidden"} min-w-0 flex-1 flex-col md:flex`}>
        <ConversationView
          state={state}
          missing={missing && !state.selectedId ? missing : null}
          context={context}
          dispatch={dispatch}
          composerRef={composerRef}
          resolveRef={resolveRef}
          onBack={() => dispatch({ type: "pane.shown", pane: "list" })}
          onShowContact={() => dispatch({ type: "pane.shown", pane: "contact" })}
          onReload={() => state.selectedId && void loadDetail(state.selectedId)}
        />
      </div>
      {state.selectedId && (
        <aside
          aria-label="User card"
          className={`${state.pane === "contact" ? "flex" : "hidden"} w-full min-w-0 flex-col border-l border-slate-200 bg-white xl:flex xl:w-80 xl:shrink-0`}
        >
          <ContactCard
            contact={state.contact}
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
