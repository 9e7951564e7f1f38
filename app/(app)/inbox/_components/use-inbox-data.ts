"use client";
// The inbox's server data through TanStack Query: the shown list (infinite, by cursor), the counts, the
// open conversation and its contact. Realtime events write into the cache (setQueryData) through the
// pure rules of inbox-cache.ts; session.ready (every connect) invalidates it all, since events may have
// been missed.
//
// Over ~300 lines on purpose: each query sits beside the event handlers that write into its cache entry
// (the rules themselves are in inbox-cache.ts and live-log.ts); split apart, a reader would have to hold
// two files to see what keeps one piece of data current.
//
// Two guarantees the cache alone does not give:
// - An older event never overwrites a newer state: the newest version (summary.updatedAt) seen of each
//   conversation is kept, and a summary older than it is dropped.
// - A change that arrives while a list is being fetched is never lost. The fetch may have read the rows
//   before that change committed, and its answer replaces the pages (with whatever events wrote into
//   them meanwhile). So every row change is also logged, and once a list's fetch lands the changes that
//   arrived since it started are applied again — a no-op for those it already includes (blacklist.spec.ts
//   caught a chat created during a list load going missing; this is the rule that keeps it).
//   Counts cannot be replayed (a delta counted twice is wrong), so a counts fetch that saw events
//   arrive is made again, up to three times.
import { useCallback, useEffect, useMemo, useState } from "react";
import { hashKey, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import type { InboxList, Viewer } from "@/lib/conversations/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import type { ContactSpamChangedEvent, ContactUpdatedEvent, MessagePayload } from "@/lib/realtime/events";
import type { TimelineEvent } from "@/lib/inbox/conversation-events";
import {
  applyToListData,
  contactWithCard,
  contactWithConversation,
  contactWithLiveChat,
  countsAfterChange,
  countsAfterSpamChange,
  detailWithContactName,
  inboxKeys,
  listWithContactName,
  mergeDetail,
  nextCursorOf,
  rowsOf,
  withConversation,
  withMessage,
  withOlderPage,
  withSpamChange,
  spamLineFor,
  withTimeline,
  type Counts,
  type ListData,
  type ListPage,
  type RowChange,
} from "./inbox-cache";
import { fetchJson, FetchError } from "./fetch-json";
import type { DetailError } from "./inbox-state";
import { LiveLog } from "./live-log";

const listUrl = (list: InboxList, cursor: string | null) =>
  `/api/v1/conversations?list=${list}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
const conversationUrl = (id: string, before?: string) =>
  `/api/v1/conversations/${encodeURIComponent(id)}${before ? `?before=${encodeURIComponent(before)}` : ""}`;

// Inbox data is kept live by events and invalidated on every connect: never stale by age. No retries:
// a failure shows at once with its own Retry (as the list, pane and card always did).
const LIVE = { staleTime: Number.POSITIVE_INFINITY, retry: false } as const;

function listOfKey(key: readonly unknown[]): InboxList | null {
  return key[0] === "inbox" && key[1] === "list" ? (key[2] as InboxList) : null;
}

export interface InboxSeed {
  list: InboxList;
  page: ListPage;
  counts: Counts;
  selected: { detail: ConversationDetail; contact: ContactDetail } | null;
}

/**
 * Puts the page's server-rendered data in the cache, replacing what an earlier visit left there: the
 * socket was closed while the agent was elsewhere, so other cached inbox data is marked stale.
 */
function seedCache(queryClient: QueryClient, seed: InboxSeed): void {
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all, refetchType: "none" });
  queryClient.setQueryData<ListData>(inboxKeys.list(seed.list), { pages: [seed.page], pageParams: [null] });
  queryClient.setQueryData<Counts>(inboxKeys.counts, seed.counts);
  if (seed.selected) {
    queryClient.setQueryData(inboxKeys.conversation(seed.selected.detail.conversation.id), seed.selected.detail);
    queryClient.setQueryData(inboxKeys.contact(seed.selected.contact.id), seed.selected.contact);
  }
}

export function useInboxData({
  viewer,
  list,
  selectedId,
  missingId,
  seed,
}: {
  viewer: Viewer;
  list: InboxList;
  selectedId: string | null;
  missingId: string | null;
  seed: InboxSeed;
}) {
  const queryClient = useQueryClient();
  // Seeded once, before the queries below first read the cache.
  const [log] = useState(() => {
    seedCache(queryClient, seed);
    const live = new LiveLog();
    for (const row of seed.page.items) live.note(row);
    return live;
  });

  const listQuery = useInfiniteQuery<ListPage, Error, ListData, ReturnType<typeof inboxKeys.list>, string | null>({
    ...LIVE,
    queryKey: inboxKeys.list(list),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ListPage) => last.nextCursor,
    queryFn: async ({ pageParam, queryKey }) => {
      log.fetchStarted(hashKey(queryKey));
      const page = await fetchJson<ListPage>(listUrl(queryKey[2], pageParam as string | null));
      for (const row of page.items) log.note(row);
      return page;
    },
  });

  const countsQuery = useQuery({
    ...LIVE,
    queryKey: inboxKeys.counts,
    queryFn: async () => {
      for (let attempt = 1; ; attempt++) {
        const seen = log.countMoves;
        const counts = await fetchJson<Counts>("/api/v1/conversations/counts");
        if (log.countMoves === seen || attempt === 3) return counts;
      }
    },
  });

  const detailQuery = useQuery({
    ...LIVE,
    queryKey: inboxKeys.conversation(selectedId ?? ""),
    enabled: selectedId !== null && selectedId !== missingId,
    queryFn: async ({ queryKey }) => {
      const loaded = await fetchJson<ConversationDetail>(conversationUrl(queryKey[2]));
      // Merged with what is held when the answer lands: live messages that came meanwhile stay.
      return mergeDetail(queryClient.getQueryData<ConversationDetail>(queryKey), loaded);
    },
  });
  const detail = selectedId && detailQuery.data?.conversation.id === selectedId ? detailQuery.data : null;

  const contactId = detail?.conversation.contact.id ?? null;
  const contactQuery = useQuery({
    ...LIVE,
    queryKey: inboxKeys.contact(contactId ?? ""),
    enabled: contactId !== null,
    queryFn: async ({ queryKey }) => {
      const since = log.cardPosition;
      const contact = await fetchJson<ContactDetail>(`/api/v1/contacts/${encodeURIComponent(queryKey[2])}`);
      // An edit or a live-chat change whose event came while this read was under way may be newer than
      // what it read.
      const newerCard = log.cardSince(contact.id, since);
      const newerLiveChat = log.liveChatSince(contact.id, since);
      const withCard = newerCard ? contactWithCard(contact, newerCard) : contact;
      return newerLiveChat ? contactWithLiveChat(withCard, newerLiveChat) : withCard;
    },
  });

  // Replay (see the top of this file): once a list's fetch lands, the changes since it started again.
  useEffect(() => {
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated") return;
      const eventList = listOfKey(event.query.queryKey);
      if (!eventList || (event.action.type !== "success" && event.action.type !== "error")) return;
      if (event.action.type === "success" && event.action.manual) return; // our own setQueryData
      const changes = log.fetchEnded(event.query.queryHash);
      if (event.action.type === "error" || !changes?.length) {
        if (changes === null) void queryClient.invalidateQueries({ queryKey: event.query.queryKey });
        return;
      }
      queryClient.setQueryData<ListData>(event.query.queryKey, (data) =>
        data
          ? changes.reduce((next, change) => applyToListData(next, { list: eventList, viewer }, change), data)
          : data,
      );
    });
  }, [queryClient, log, viewer]);

  /** A row change into every cached list (the shown one and those switched away from), and the log. */
  const applyRowChange = useCallback(
    (change: RowChange) => {
      log.record(change);
      for (const [key, data] of queryClient.getQueriesData<ListData>({ queryKey: inboxKeys.lists })) {
        const cachedList = listOfKey(key);
        if (data && cachedList)
          queryClient.setQueryData<ListData>(key, applyToListData(data, { list: cachedList, viewer }, change));
      }
    },
    [queryClient, log, viewer],
  );

  /**
   * A conversation's new state, from an event (with where it was before, for the counts, and its context
   * when a live-chat change wrote it) or from an action's answer (previous undefined: the counts wait for
   * the event). Stale states are dropped.
   */
  const conversationChanged = useCallback(
    (conversation: ConversationSummary, previous?: ListFacts | null, context?: Record<string, unknown>) => {
      if (previous !== undefined) {
        log.countMoves++;
        queryClient.setQueryData<Counts>(
          inboxKeys.counts,
          (counts) => counts && countsAfterChange(counts, viewer, conversation, previous),
        );
      }
      if (!log.note(conversation)) return;
      applyRowChange({ kind: "conversation", conversation });
      queryClient.setQueryData<ConversationDetail>(
        inboxKeys.conversation(conversation.id),
        (held) => held && withConversation(held, conversation, context),
      );
      queryClient.setQueryData<ContactDetail>(
        inboxKeys.contact(conversation.contact.id),
        (held) => held && contactWithConversation(held, conversation),
      );
    },
    [queryClient, log, viewer, applyRowChange],
  );

  const messageAdded = useCallback(
    (message: MessagePayload) => {
      queryClient.setQueryData<ConversationDetail>(
        inboxKeys.conversation(message.conversationId),
        (held) => held && withMessage(held, message),
      );
    },
    [queryClient],
  );

  /** Lines the change wrote ("Assigned to …"), carried by its event, join a held view of the conversation. */
  const timelineAdded = useCallback(
    (conversationId: string, lines: TimelineEvent[]) =>
      queryClient.setQueryData<ConversationDetail>(
        inboxKeys.conversation(conversationId),
        (held) => held && withTimeline(held, lines),
      ),
    [queryClient],
  );

  /** The open conversation changed in a way its event does not carry: it is read again. */
  const timelineChanged = useCallback(
    (conversationId: string) =>
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) }),
    [queryClient],
  );

  const contactSpamChanged = useCallback(
    (event: ContactSpamChangedEvent) => {
      log.countMoves++;
      queryClient.setQueryData<Counts>(
        inboxKeys.counts,
        (counts) => counts && countsAfterSpamChange(counts, viewer, event),
      );
      const fresh = event.conversations.filter((conversation) => log.note(conversation));
      applyRowChange({ kind: "contact-spam", event: { ...event, conversations: fresh } });
      for (const [key, held] of queryClient.getQueriesData<ConversationDetail>({ queryKey: inboxKeys.conversations })) {
        if (held?.conversation.contact.id === event.contactId) {
          queryClient.setQueryData(key, withSpamChange(held, event));
          // Its timeline gained "Marked as spam by …": carried for up to 20 chats; read for the others.
          if (!spamLineFor(held.conversation.id, event)) void queryClient.invalidateQueries({ queryKey: key });
        }
      }
      // The user card's mark and its marked-as-spam trait come with the event (older cards are dropped).
      const { card } = event;
      if (!card) void queryClient.invalidateQueries({ queryKey: inboxKeys.contact(event.contactId) });
      else if (log.noteCard(event.contactId, card))
        queryClient.setQueryData<ContactDetail>(inboxKeys.contact(event.contactId), (contact) =>
          contact ? contactWithCard(contact, card) : contact,
        );
      // More chats moved than the event carries in full: the lists shown may miss some of them.
      if (event.totalConversations > event.conversations.length)
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
    },
    [queryClient, log, viewer, applyRowChange],
  );

  /**
   * A contact changed. An edit carries its card (name, traits): merged into the card, the header and the
   * rows of its conversations, unless a newer card was seen. A live-chat block, unblock or expiry carries
   * the card's live-chat state: merged into the card unless a newer one was seen (the chat's own context
   * comes with its conversation.updated). An event with neither: the card is read again.
   */
  const contactUpdated = useCallback(
    ({ contactId, card, liveChat }: ContactUpdatedEvent) => {
      if (!card && !liveChat) {
        void queryClient.invalidateQueries({ queryKey: inboxKeys.contact(contactId) });
        return;
      }
      if (liveChat && log.noteLiveChat(contactId, liveChat))
        queryClient.setQueryData<ContactDetail>(inboxKeys.contact(contactId), (contact) =>
          contact ? contactWithLiveChat(contact, liveChat) : contact,
        );
      if (!card || !log.noteCard(contactId, card)) return;
      queryClient.setQueryData<ContactDetail>(inboxKeys.contact(contactId), (contact) =>
        contact ? contactWithCard(contact, card) : contact,
      );
      for (const [key, detail] of queryClient.getQueriesData<ConversationDetail>({ queryKey: inboxKeys.conversations }))
        if (detail) queryClient.setQueryData(key, detailWithContactName(detail, contactId, card.name));
      for (const [key, data] of queryClient.getQueriesData<ListData>({ queryKey: inboxKeys.lists }))
        if (data) queryClient.setQueryData(key, listWithContactName(data, contactId, card.name));
    },
    [queryClient, log],
  );

  const contactLoaded = useCallback(
    (contact: ContactDetail) => queryClient.setQueryData(inboxKeys.contact(contact.id), contact),
    [queryClient],
  );

  /** After a reconnect: everything shown is fetched again; what is not shown, when next shown. */
  const resync = useCallback(() => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }), [queryClient]);

  /** Opening a conversation reads it afresh (what is held shows meanwhile); its contact is kept live by events. */
  const conversationOpened = useCallback(
    (id: string) => void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) }),
    [queryClient],
  );

  const reloadConversation = useCallback(() => {
    if (!selectedId) return;
    void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(selectedId) });
    if (contactId) void queryClient.invalidateQueries({ queryKey: inboxKeys.contact(contactId) });
  }, [queryClient, selectedId, contactId]);

  const loadOlderMessages = useCallback(async () => {
    if (!detail?.olderMessagesCursor) return;
    const id = detail.conversation.id;
    const page = await fetchJson<ConversationDetail>(conversationUrl(id, detail.olderMessagesCursor));
    queryClient.setQueryData<ConversationDetail>(
      inboxKeys.conversation(id),
      (held) => held && withOlderPage(held, page),
    );
  }, [queryClient, detail]);

  const { fetchNextPage, refetch: refetchList } = listQuery;
  const loadMore = useCallback(async () => {
    const result = await fetchNextPage({ cancelRefetch: false });
    if (result.isError) throw result.error;
  }, [fetchNextPage]);

  const events = useMemo(
    () => ({
      conversationChanged,
      messageAdded,
      timelineAdded,
      timelineChanged,
      contactSpamChanged,
      contactUpdated,
      resync,
    }),
    [conversationChanged, messageAdded, timelineAdded, timelineChanged, contactSpamChanged, contactUpdated, resync],
  );

  const retryList = useCallback(() => void refetchList(), [refetchList]);

  const detailError: DetailError | null =
    selectedId !== null && selectedId === missingId
      ? "not_found"
      : detailQuery.error
        ? detailQuery.error instanceof FetchError && detailQuery.error.status === 404
          ? "not_found"
          : "failed"
        : null;

  return {
    rows: rowsOf(listQuery.data),
    nextCursor: nextCursorOf(listQuery.data),
    listStatus: listQuery.data ? "ready" : listQuery.isError ? "failed" : "loading",
    counts: countsQuery.data ?? seed.counts,
    // Not visible any more: nothing of it stays on screen. Any other failure keeps what is shown.
    detail: detailError === "not_found" ? null : detail,
    detailError,
    contact:
      detailError === "not_found" ? null : contactId && contactQuery.data?.id === contactId ? contactQuery.data : null,
    contactFailed: contactQuery.isError,
    events,
    contactLoaded,
    conversationOpened,
    reloadConversation,
    loadOlderMessages,
    loadMore,
    retryList,
  } as const;
}
