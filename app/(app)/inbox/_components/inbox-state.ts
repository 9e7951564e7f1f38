// The inbox page's state and the one reducer that changes it: pages loaded, realtime events, action
// results. List membership and count changes come from lib/conversations/list-membership.ts, the same rule the
// server's queries use.
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { countDeltas, isInList, listFactsOf, type InboxList, type Viewer } from "@/lib/conversations/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import type { ContactSpamChangedEvent, MessagePayload } from "@/lib/realtime/events";
import type { TimelineEvent } from "@/lib/inbox/conversation-events";
import { bucketAfterChange } from "@/lib/conversations/bucket";

export type Pane = "list" | "conversation" | "contact";

/** Why the open conversation is not shown: gone or not visible (404), or the request failed. */
export type DetailError = "not_found" | "failed";

export interface InboxState {
  viewer: Viewer;
  list: InboxList;
  /** The first page of `list`: loading after a switch, or failed (rows are then empty). */
  listStatus: "ready" | "loading" | "failed";
  rows: ConversationSummary[];
  nextCursor: string | null;
  /** Only the lists the server counts (not Resolved); realtime deltas adjust these and no others. */
  counts: Partial<Record<InboxList, number>>;
  selectedId: string | null;
  detail: ConversationDetail | null;
  /** The last load of the open conversation failed; with a detail still shown, only its refresh did. */
  detailError: DetailError | null;
  contact: ContactDetail | null;
  contactFailed: boolean;
  /** Keyboard cursor in the list (j/k), -1 when none. */
  focusIndex: number;
  /** Which pane a phone-sized screen shows. */
  pane: Pane;
  /** Conversations ticked for a bulk action. */
  checked: string[];
}

export type InboxAction =
  /** Another list tab: its rows load next (list.loaded or list.failed). */
  | { type: "list.switched"; list: InboxList }
  | { type: "list.loaded"; list: InboxList; rows: ConversationSummary[]; nextCursor: string | null; append: boolean }
  | { type: "list.failed"; list: InboxList }
  | { type: "counts.loaded"; counts: Partial<Record<InboxList, number>> }
  /** From the socket: moves rows and counts. */
  | { type: "conversation.changed"; conversation: ConversationSummary; previous: ListFacts | null }
  /** From an action's answer: refreshes rows and the open conversation; counts wait for the socket event. */
  | { type: "conversation.refreshed"; conversation: ConversationSummary }
  | { type: "message.added"; message: MessagePayload }
  /** From the socket: a contact marked or un-marked as spam; all their rows move at once. */
  | { type: "contact.spamChanged"; event: ContactSpamChangedEvent }
  | { type: "checked.toggled"; id: string }
  | { type: "checked.cleared" }
  | { type: "conversation.selected"; id: string | null }
  | { type: "detail.loaded"; detail: ConversationDetail }
  | { type: "detail.failed"; id: string; error: DetailError }
  /** A page of older messages (GET …?before=): joins the loaded timeline. */
  | { type: "detail.olderLoaded"; page: ConversationDetail }
  | { type: "contact.loaded"; contact: ContactDetail | null }
  | { type: "contact.failed"; contactId: string }
  | { type: "focus.moved"; by: number }
  | { type: "pane.shown"; pane: Pane };

/** What the views are handed to change the inbox state. */
export type InboxDispatch = (action: InboxAction) => void;

const byNewest = (a: ConversationSummary, b: ConversationSummary) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);

// The Waiting list is the queue, oldest request first (lib/inbox/list-conversations.ts QUEUE_ORDER).
const queueTime = (row: ConversationSummary) => row.queuedAt ?? row.lastMessageAt;
const byQueue = (a: ConversationSummary, b: ConversationSummary) => queueTime(a).localeCompare(queueTime(b)) || a.id.localeCompare(b.id);

/** The order a list shows its rows in, as the server pages it. */
export function listOrder(list: InboxList): (a: ConversationSummary, b: ConversationSummary) => number {
  return list === "waiting" ? byQueue : byNewest;
}

/** Places a changed conversation in (or out of) the loaded rows of the current list. */
function placeRow(state: InboxState, conversation: ConversationSummary): ConversationSummary[] {
  const without = state.rows.filter((row) => row.id !== conversation.id);
  if (!isInList(state.list, state.viewer, listFactsOf(conversation))) return without;
  const order = listOrder(state.list);
  const last = without[without.length - 1];
  // Past the loaded page it will arrive with the next page instead.
  const withinLoaded = !state.nextCursor || !last || order(conversation, last) <= 0;
  const wasLoaded = without.length !== state.rows.length;
  if (!withinLoaded && !wasLoaded) return without;
  return [...without, conversation].sort(order);
}

/**
 * Applies realtime count deltas to the lists the server counts. A list without a server count
 * (Resolved, see countConversations) gets none: a delta on nothing would show a made-up number.
 */
function applyCountDeltas(counts: InboxState["counts"], deltas: Partial<Record<InboxList, number>>, times = 1): InboxState["counts"] {
  const next = { ...counts };
  for (const [list, delta] of Object.entries(deltas) as Array<[InboxList, number]>) {
    const current = next[list];
    if (current !== undefined) next[list] = Math.max(0, current + delta * times);
  }
  return next;
}

const byOldestMessage = (a: MessagePayload, b: MessagePayload) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byOldestEvent = (a: TimelineEvent, b: TimelineEvent) => a.createdAt.localeCompare(b.createdAt);

/** Both lists' items once each (the first list's copy wins), in `order`. */
function unionById<T extends { id: string }>(first: T[], second: T[], order: (a: T, b: T) => number): T[] {
  const seen = new Set(first.map((item) => item.id));
  return [...first, ...second.filter((item) => !seen.has(item.id))].sort(order);
}

/**
 * The open conversation's timeline after a load: a reload brings the newest page again, so messages
 * and events already loaded further back (Load older messages, or live ones) are kept beside it.
 */
function mergeDetail(current: ConversationDetail | null, loaded: ConversationDetail): ConversationDetail {
  if (!current || current.conversation.id !== loaded.conversation.id) return loaded;
  const messages = unionById(loaded.messages, current.messages, byOldestMessage);
  const events = unionById(loaded.events, current.events, byOldestEvent);
  // The cursor of whichever answer reaches further back.
  const [currentOldest, loadedOldest] = [current.messages[0], loaded.messages[0]];
  const currentReachesFurther = currentOldest !== undefined && (loadedOldest === undefined || byOldestMessage(currentOldest, loadedOldest) < 0);
  return { ...loaded, messages, events, olderMessagesCursor: currentReachesFurther ? current.olderMessagesCursor : loaded.olderMessagesCursor };
}

function refreshDetail(state: InboxState, conversation: ConversationSummary): ConversationDetail | null {
  if (!state.detail || state.detail.conversation.id !== conversation.id) return state.detail;
  return { ...state.detail, conversation: { ...state.detail.conversation, ...conversation } };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case "list.switched":
      // The same list again only after its load failed (a retry).
      if (action.list === state.list && state.listStatus !== "failed") return state;
      return { ...state, list: action.list, listStatus: "loading", rows: [], nextCursor: null, focusIndex: -1, checked: [] };
    case "list.failed":
      return action.list === state.list ? { ...state, listStatus: "failed" } : state;
    case "list.loaded": {
      // An answer for a list the agent has since switched away from.
      if (action.list !== state.list) return state;
      const rows = action.append
        ? [...state.rows, ...action.rows.filter((row) => !state.rows.some((r) => r.id === row.id))]
        : action.rows;
      return {
        ...state,
        listStatus: "ready",
        rows,
        nextCursor: action.nextCursor,
        // A reload (resync) keeps the keyboard cursor on the same conversation when it is still there.
        focusIndex: action.append ? state.focusIndex : rows.findIndex((row) => row.id === state.rows[state.focusIndex]?.id),
        checked: state.checked.filter((id) => rows.some((row) => row.id === id)),
      };
    }
    case "counts.loaded":
      return { ...state, counts: action.counts };
    case "conversation.changed": {
      const counts = applyCountDeltas(state.counts, countDeltas(state.viewer, listFactsOf(action.conversation), action.previous));
      return { ...state, counts, rows: placeRow(state, action.conversation), detail: refreshDetail(state, action.conversation) };
    }
    case "contact.spamChanged": {
      const { event } = action;
      let counts = state.counts;
      for (const move of event.moves) counts = applyCountDeltas(counts, countDeltas(state.viewer, move.after, move.previous), move.count);
      // Rows the event does not carry in full move by the same rule, from what the row already shows.
      const moved = (row: ConversationSummary): ConversationSummary =>
        event.conversations.find((c) => c.id === row.id) ?? {
          ...row,
          bucket: bucketAfterChange(row, row.status, event.spam, true),
          spamMarkedById: event.spam ? (event.moves[0]?.after.spamMarkedById ?? null) : null,
        };
      let next: InboxState = { ...state, counts };
      for (const row of state.rows.filter((r) => r.contact.id === event.contactId)) next = { ...next, rows: placeRow(next, moved(row)) };
      for (const conversation of event.conversations) next = { ...next, rows: placeRow(next, conversation) };
      if (state.detail?.conversation.contact.id === event.contactId) {
        next = { ...next, detail: refreshDetail(next, moved(state.detail.conversation)) };
      }
      return next;
    }
    case "checked.toggled":
      return {
        ...state,
        checked: state.checked.includes(action.id) ? state.checked.filter((id) => id !== action.id) : [...state.checked, action.id],
      };
    case "checked.cleared":
      return { ...state, checked: [] };
    case "conversation.refreshed":
      return { ...state, rows: placeRow(state, action.conversation), detail: refreshDetail(state, action.conversation) };
    case "message.added": {
      if (!state.detail || state.detail.conversation.id !== action.message.conversationId) return state;
      if (state.detail.messages.some((m) => m.id === action.message.id)) return state;
      return { ...state, detail: { ...state.detail, messages: [...state.detail.messages, action.message] } };
    }
    case "conversation.selected": {
      const same = action.id !== null && state.detail?.conversation.id === action.id;
      return {
        ...state,
        selectedId: action.id,
        detail: same ? state.detail : null,
        detailError: null,
        contact: same ? state.contact : null,
        contactFailed: false,
        pane: action.id ? "conversation" : "list",
        focusIndex: action.id ? Math.max(state.rows.findIndex((r) => r.id === action.id), state.focusIndex) : state.focusIndex,
      };
    }
    case "detail.loaded":
      return action.detail.conversation.id === state.selectedId ? { ...state, detail: mergeDetail(state.detail, action.detail), detailError: null } : state;
    case "detail.failed":
      if (action.id !== state.selectedId) return state;
      // Not visible any more: nothing of it stays on screen. Any other failure keeps what is shown.
      if (action.error === "not_found") return { ...state, detail: null, contact: null, detailError: "not_found" };
      return { ...state, detailError: "failed" };
    case "detail.olderLoaded":
      if (action.page.conversation.id !== state.selectedId || !state.detail) return state;
      return {
        ...state,
        detail: {
          ...state.detail,
          messages: unionById(state.detail.messages, action.page.messages, byOldestMessage),
          events: unionById(state.detail.events, action.page.events, byOldestEvent),
          olderMessagesCursor: action.page.olderMessagesCursor,
        },
      };
    case "contact.loaded":
      return { ...state, contact: action.contact, contactFailed: false };
    case "contact.failed":
      return state.detail?.conversation.contact.id === action.contactId ? { ...state, contactFailed: true } : state;
    case "focus.moved": {
      if (!state.rows.length) return state;
      const next = Math.min(state.rows.length - 1, Math.max(0, state.focusIndex + action.by));
      return { ...state, focusIndex: next };
    }
    case "pane.shown":
      return { ...state, pane: action.pane };
  }
}
