// What the agent is doing in the inbox — which list, which conversation, which pane, the keyboard cursor,
// the ticked rows — and the one reducer that changes it. Only UI state: what the server knows (rows,
// counts, the conversation, the contact) lives in the query cache (inbox-cache.ts, use-inbox-data.ts).
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { InboxList, Viewer } from "@/lib/conversations/list-membership";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import type { Counts } from "./inbox-cache";

/** Why the open conversation is not shown: gone or not visible (404), or the request failed. */
export type DetailError = "not_found" | "failed";

export type Pane = "list" | "conversation" | "contact";

export interface InboxUiState {
  list: InboxList;
  selectedId: string | null;
  /** The row under the keyboard cursor (j/k); it stays on the same conversation when the rows move. */
  focusedId: string | null;
  /** Where that row was: when it leaves the list, the cursor stays at its place (on the row that follows). */
  focusIndex: number;
  /** Which pane a phone-sized screen shows. */
  pane: Pane;
  /** Conversations ticked for a bulk action (those no longer in the list are ignored). */
  checked: string[];
}

export type InboxAction =
  | { type: "list.switched"; list: InboxList }
  | { type: "conversation.selected"; id: string | null }
  | { type: "checked.toggled"; id: string }
  | { type: "checked.cleared" }
  /** `rowIds`: the rows shown, in order, which the cursor moves over; `from`: the cursor's index in them. */
  | { type: "focus.moved"; by: number; rowIds: string[]; from: number }
  | { type: "pane.shown"; pane: Pane };

/** What the views are handed to change the UI state. */
export type InboxDispatch = (action: InboxAction) => void;

export function inboxReducer(state: InboxUiState, action: InboxAction): InboxUiState {
  switch (action.type) {
    case "list.switched":
      if (action.list === state.list) return state;
      return { ...state, list: action.list, focusedId: null, focusIndex: -1, checked: [] };
    case "conversation.selected":
      return {
        ...state,
        selectedId: action.id,
        pane: action.id ? "conversation" : "list",
        focusedId: action.id ?? state.focusedId,
      };
    case "checked.toggled":
      return {
        ...state,
        checked: state.checked.includes(action.id)
          ? state.checked.filter((id) => id !== action.id)
          : [...state.checked, action.id],
      };
    case "checked.cleared":
      return { ...state, checked: [] };
    case "focus.moved": {
      if (!action.rowIds.length) return state;
      const next = Math.min(action.rowIds.length - 1, Math.max(0, action.from + action.by));
      return { ...state, focusedId: action.rowIds[next] ?? null, focusIndex: next };
    }
    case "pane.shown":
      return { ...state, pane: action.pane };
  }
}

/** What the views are shown: the UI state with the server data of the moment (use-inbox-data.ts). */
/** Where the keyboard cursor is in `rows`: on its conversation, else at its place, else nowhere (-1). */
export function cursorIndex(state: Pick<InboxUiState, "focusedId" | "focusIndex">, rowIds: string[]): number {
  const found = state.focusedId === null ? -1 : rowIds.indexOf(state.focusedId);
  if (found >= 0 || state.focusIndex < 0 || !rowIds.length) return found;
  return Math.min(state.focusIndex, rowIds.length - 1);
}

export interface InboxView extends Omit<InboxUiState, "focusedId"> {
  viewer: Viewer;
  /** The first page of `list`: loading after a switch to a list not yet cached, or failed (no rows then). */
  listStatus: "ready" | "loading" | "failed";
  rows: ConversationSummary[];
  nextCursor: string | null;
  counts: Counts;
  detail: ConversationDetail | null;
  /** The last load of the open conversation failed; with a detail still shown, only its refresh did. */
  detailError: DetailError | null;
  contact: ContactDetail | null;
  contactFailed: boolean;
  /** Keyboard cursor in the list (j/k), -1 when none. */
  focusIndex: number;
}
