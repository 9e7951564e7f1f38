// The inbox's server data as it sits in the TanStack Query cache — a list's pages, the counts, the open
// conversation, its contact — and the pure rules that fold a change into it. Realtime events, action
// answers and the replay after a fetch (use-inbox-data.ts) all go through these functions, so a row
// lands in the same place whichever way its change arrived. List membership and count changes come from
// lib/conversations/list-membership.ts, the same rule the server's queries use.
import type { InfiniteData } from "@tanstack/react-query";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { countDeltas, isInList, listFactsOf, type InboxList, type Viewer } from "@/lib/conversations/list-membership";
import { bucketAfterChange } from "@/lib/conversations/bucket";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import type { TimelineEvent } from "@/lib/inbox/conversation-events";
import { timelineRevision } from "@/lib/conversations/timeline-events";
import type {
  ContactCardChange,
  ContactSpamChangedEvent,
  LiveChatCardState,
  MessagePayload,
} from "@/lib/realtime/events";

export type ListPage = { items: ConversationSummary[]; nextCursor: string | null };
/** A list's loaded pages; pageParams are the cursors they were fetched with (null: the first page). */
export type ListData = InfiniteData<ListPage, string | null>;
/** Only the lists the server counts (not Resolved); realtime deltas adjust these and no others. */
export type Counts = Partial<Record<InboxList, number>>;

export const inboxKeys = {
  all: ["inbox"] as const,
  lists: ["inbox", "list"] as const,
  list: (list: InboxList) => ["inbox", "list", list] as const,
  counts: ["inbox", "counts"] as const,
  conversations: ["inbox", "conversation"] as const,
  conversation: (id: string) => ["inbox", "conversation", id] as const,
  contact: (id: string) => ["inbox", "contact", id] as const,
};

/** A change that moves list rows: a conversation's new state, or a contact's spam mark (all their rows). */
export type RowChange =
  | { kind: "conversation"; conversation: ConversationSummary }
  | { kind: "contact-spam"; event: ContactSpamChangedEvent };

/**
 * Is `incoming` an older state than one already held? Versions are the summary's `updatedAt` (ISO
 * strings, so they compare as text). Equal versions are not older: re-applying the same state is a no-op.
 */
export function isOlder(incoming: Pick<ConversationSummary, "updatedAt">, held: string | undefined): boolean {
  return held !== undefined && incoming.updatedAt < held;
}

const byNewest = (a: ConversationSummary, b: ConversationSummary) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);

// The Waiting list is the queue, oldest request first (lib/inbox/list-conversations.ts QUEUE_ORDER).
const queueTime = (row: ConversationSummary) => row.queuedAt ?? row.lastMessageAt;
const byQueue = (a: ConversationSummary, b: ConversationSummary) =>
  queueTime(a).localeCompare(queueTime(b)) || a.id.localeCompare(b.id);

/** The order a list shows its rows in, as the server pages it. */
export function listOrder(list: InboxList): (a: ConversationSummary, b: ConversationSummary) => number {
  return list === "waiting" ? byQueue : byNewest;
}

/** The rows of a list's loaded pages, each conversation once (a page fetched later may repeat a row). */
export function rowsOf(data: ListData | undefined): ConversationSummary[] {
  if (!data) return [];
  const seen = new Set<string>();
  return data.pages.flatMap((page) => page.items.filter((row) => !seen.has(row.id) && seen.add(row.id)));
}

export function nextCursorOf(data: ListData | undefined): string | null {
  return data?.pages[data.pages.length - 1]?.nextCursor ?? null;
}

interface ListPlace {
  list: InboxList;
  viewer: Viewer;
}

/** Places a changed conversation in (or out of) the loaded rows of a list. */
export function placeRow(
  rows: ConversationSummary[],
  nextCursor: string | null,
  where: ListPlace,
  conversation: ConversationSummary,
): ConversationSummary[] {
  const without = rows.filter((row) => row.id !== conversation.id);
  if (!isInList(where.list, where.viewer, listFactsOf(conversation))) return without;
  const order = listOrder(where.list);
  const last = without[without.length - 1];
  // Past the loaded pages it will arrive with the next page instead.
  const withinLoaded = !nextCursor || !last || order(conversation, last) <= 0;
  const wasLoaded = without.length !== rows.length;
  if (!withinLoaded && !wasLoaded) return without;
  return [...without, conversation].sort(order);
}

/**
 * A row after its contact's spam mark changed, when the event does not carry it in full: the same rule as the
 * server.
 */
function movedBySpamMark(row: ConversationSummary, event: ContactSpamChangedEvent): ConversationSummary {
  return (
    event.conversations.find((c) => c.id === row.id) ?? {
      ...row,
      bucket: bucketAfterChange(row, row.status, event.spam, true),
      spamMarkedById: event.spam ? (event.moves[0]?.after.spamMarkedById ?? null) : null,
    }
  );
}

/** The loaded rows of one list after a change. */
export function applyRowChange(
  rows: ConversationSummary[],
  nextCursor: string | null,
  where: ListPlace,
  change: RowChange,
): ConversationSummary[] {
  if (change.kind === "conversation") return placeRow(rows, nextCursor, where, change.conversation);
  const { event } = change;
  let next = rows;
  for (const row of rows.filter((r) => r.contact.id === event.contactId))
    next = placeRow(next, nextCursor, where, movedBySpamMark(row, event));
  for (const conversation of event.conversations) next = placeRow(next, nextCursor, where, conversation);
  return next;
}

/**
 * A list's cached pages after a change. The rows are placed as one sequence and kept in the first page
 * (the others keep only their cursors): what a page holds matters to nobody, while the last page's
 * nextCursor is where the next page starts and pageParams are what a refetch asks for again.
 */
export function applyToListData(data: ListData, where: ListPlace, change: RowChange): ListData {
  const rows = rowsOf(data);
  const placed = applyRowChange(rows, nextCursorOf(data), where, change);
  if (placed === rows) return data;
  return { ...data, pages: data.pages.map((page, index) => ({ ...page, items: index === 0 ? placed : [] })) };
}

/**
 * Applies count deltas to the lists the server counts. A list without a server count (Resolved, see
 * countConversations) gets none: a delta on nothing would show a made-up number. Deltas of changes to
 * one conversation add up to the same whatever order they arrive in, so none is dropped as stale.
 */
export function applyCountDeltas(counts: Counts, deltas: Counts, times = 1): Counts {
  const next = { ...counts };
  for (const [list, delta] of Object.entries(deltas) as Array<[InboxList, number]>) {
    const current = next[list];
    if (current !== undefined) next[list] = Math.max(0, current + delta * times);
  }
  return next;
}

/** The counts after a conversation moved from `previous` (null: new) to its state now. */
export function countsAfterChange(
  counts: Counts,
  viewer: Viewer,
  conversation: ConversationSummary,
  previous: Parameters<typeof countDeltas>[2],
): Counts {
  return applyCountDeltas(counts, countDeltas(viewer, listFactsOf(conversation), previous));
}

export function countsAfterSpamChange(counts: Counts, viewer: Viewer, event: ContactSpamChangedEvent): Counts {
  let next = counts;
  for (const move of event.moves)
    next = applyCountDeltas(next, countDeltas(viewer, move.after, move.previous), move.count);
  return next;
}

const byOldestMessage = (a: MessagePayload, b: MessagePayload) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byOldestEvent = (a: TimelineEvent, b: TimelineEvent) => a.createdAt.localeCompare(b.createdAt);

/** Both lists' items once each (the first list's copy wins), in `order`. */
function unionById<T extends { id: string }>(first: T[], second: T[], order: (a: T, b: T) => number): T[] {
  const seen = new Set(first.map((item) => item.id));
  return [...first, ...second.filter((item) => !seen.has(item.id))].sort(order);
}

/** Both lists' lines once each: of two copies of a line, the one that has grown more (timelineRevision). */
function unionEvents(first: TimelineEvent[], second: TimelineEvent[]): TimelineEvent[] {
  const grown = new Map(second.map((line) => [line.id, line]));
  const kept = first.map((line) => {
    const other = grown.get(line.id);
    return other && timelineRevision(other) > timelineRevision(line) ? other : line;
  });
  return unionById(kept, second, byOldestEvent);
}

/** The newer of two states of the open conversation's summary (the loaded one keeps its context). */
function newerConversation(
  held: ConversationDetail["conversation"],
  loaded: ConversationDetail["conversation"],
): ConversationDetail["conversation"] {
  return isOlder(loaded, held.updatedAt) ? { ...loaded, ...held, context: loaded.context } : loaded;
}

/**
 * The open conversation's timeline after a load: a reload brings the newest page again, so messages
 * and events already held further back (Load older messages, or live ones that arrived while it was
 * loading) are kept beside it.
 */
export function mergeDetail(held: ConversationDetail | undefined, loaded: ConversationDetail): ConversationDetail {
  if (!held || held.conversation.id !== loaded.conversation.id) return loaded;
  const messages = unionById(loaded.messages, held.messages, byOldestMessage);
  const events = unionEvents(loaded.events, held.events);
  // The cursor of whichever answer reaches further back.
  const [heldOldest, loadedOldest] = [held.messages[0], loaded.messages[0]];
  const heldReachesFurther =
    heldOldest !== undefined && (loadedOldest === undefined || byOldestMessage(heldOldest, loadedOldest) < 0);
  return {
    ...loaded,
    conversation: newerConversation(held.conversation, loaded.conversation),
    messages,
    events,
    olderMessagesCursor: heldReachesFurther ? held.olderMessagesCursor : loaded.olderMessagesCursor,
  };
}

/** A page of older messages (GET …?before=) joins the held timeline. */
export function withOlderPage(held: ConversationDetail, page: ConversationDetail): ConversationDetail {
  return {
    ...held,
    messages: unionById(held.messages, page.messages, byOldestMessage),
    events: unionEvents(held.events, page.events),
    olderMessagesCursor: page.olderMessagesCursor,
  };
}

/** A new message (from the event, or the reply's answer) joins the timeline once. */
export function withMessage(held: ConversationDetail, message: MessagePayload): ConversationDetail {
  if (held.messages.some((m) => m.id === message.id)) return held;
  return { ...held, messages: [...held.messages, message].sort(byOldestMessage) };
}

/**
 * Timeline lines a change wrote (carried by its event) join the held timeline once; a repeated refusal's line
 * comes again grown and replaces the held copy. A line is history, never a state: one from an event older than
 * the summary held is still a line the timeline lacks.
 */
export function withTimeline(held: ConversationDetail, lines: TimelineEvent[]): ConversationDetail {
  if (!lines.length) return held;
  const events = unionEvents(held.events, lines);
  return events.every((line, i) => line === held.events[i]) && events.length === held.events.length
    ? held
    : { ...held, events };
}

/**
 * The open conversation's header after a change to its summary, and its context when the event carries
 * it (a live-chat block, unblock or expiry); an older state changes nothing.
 */
export function withConversation(
  held: ConversationDetail,
  conversation: ConversationSummary,
  context?: Record<string, unknown>,
): ConversationDetail {
  if (isOlder(conversation, held.conversation.updatedAt)) return held;
  return { ...held, conversation: { ...held.conversation, ...conversation, ...(context ? { context } : {}) } };
}

/** The open conversation after its contact's spam mark changed, with the line it gained when the event carries it. */
export function withSpamChange(held: ConversationDetail, event: ContactSpamChangedEvent): ConversationDetail {
  if (held.conversation.contact.id !== event.contactId) return held;
  const moved = { ...held, conversation: { ...held.conversation, ...movedBySpamMark(held.conversation, event) } };
  const line = spamLineFor(held.conversation.id, event);
  return line ? withTimeline(moved, [line]) : moved;
}

/** The "Marked as spam by …" line a conversation gained, when the event carries it (up to 20 chats do). */
export function spamLineFor(conversationId: string, event: ContactSpamChangedEvent): TimelineEvent | undefined {
  return event.timeline?.find((entry) => entry.conversationId === conversationId)?.line;
}

/** The user card's own list of the contact's conversations follows a change to one of them. */
export function contactWithConversation(contact: ContactDetail, conversation: ConversationSummary): ContactDetail {
  const index = contact.conversations.findIndex((c) => c.id === conversation.id);
  const held = contact.conversations[index];
  if (!held || isOlder(conversation, held.updatedAt)) return contact;
  return { ...contact, conversations: contact.conversations.map((c, i) => (i === index ? conversation : c)) };
}

/** The user card after an edit of its name or traits (the rest is the viewer's own: conversations, blocks). */
export function contactWithCard(contact: ContactDetail, card: ContactCardChange): ContactDetail {
  const conversations = contact.conversations.map((c) =>
    c.contact.name === card.name ? c : { ...c, contact: { ...c.contact, name: card.name } },
  );
  const spam = card.spam === undefined ? {} : { spam: card.spam };
  return { ...contact, name: card.name, traits: card.traits, conversations, ...spam };
}

/** The user card after a live-chat block, unblock or expiry: its block in force, history and activity data. */
export function contactWithLiveChat(contact: ContactDetail, state: LiveChatCardState): ContactDetail {
  const { liveChat, liveChatBlocks, activityData } = state;
  return { ...contact, liveChat, liveChatBlocks, activityData };
}

/** A conversation whose contact was renamed shows the new name in its header. */
export function detailWithContactName(held: ConversationDetail, contactId: string, name: string): ConversationDetail {
  const { contact } = held.conversation;
  if (contact.id !== contactId || contact.name === name) return held;
  return { ...held, conversation: { ...held.conversation, contact: { ...contact, name } } };
}

/** A list's rows of a renamed contact show the new name (a rename moves no row and changes no version). */
export function listWithContactName(data: ListData, contactId: string, name: string): ListData {
  const renames = (row: ConversationSummary) => row.contact.id === contactId && row.contact.name !== name;
  if (!data.pages.some((page) => page.items.some(renames))) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((row) => (renames(row) ? { ...row, contact: { ...row.contact, name } } : row)),
    })),
  };
}
