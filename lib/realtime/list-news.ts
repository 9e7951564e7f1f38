// What the Live Chat Blacklist, the Blacklist and the Sessions pages count as news (components/live-list.tsx):
// a block or ban placed, lifted or run out — never a hit (a refusal counted on it), which a flood would make
// every second; a conversation that enters, leaves or changes in the Sessions list shown, or whose contact shown
// there is renamed. Shared by server and browser.
import type { ChannelName } from "@/lib/channels/channels";
import { listFactsOf, type ListFacts } from "@/lib/conversations/conversation-summary";
import type {
  BlacklistChangedEvent,
  ContactSpamChangedEvent,
  ContactUpdatedEvent,
  ConversationChangedEvent,
} from "./events";

/**
 * A contact's live-chat blocks changed (contact.updated carries `liveChat` after a block, a lift or an
 * expiry, to everyone who may see the contact: the Live Chat Blacklist's supervisors and admins among them):
 * 1 when it placed a block (the newest change is an active block's start), 0 for a lift or an expiry, null
 * for any other change of the contact (a name, a trait).
 */
export function liveChatBlockNews(event: ContactUpdatedEvent): number | null {
  const state = event.liveChat;
  if (!state) return null;
  const placed = state.liveChatBlocks.some((block) => block.status === "active" && block.blockedAt === state.version);
  return placed ? 1 : 0;
}

/** Bans placed (each a new row on the Blacklist's first page) or deactivated (a row changes: no count). */
export function blacklistNews(event: BlacklistChangedEvent): number | null {
  if (!event.placed && !event.deactivated) return null;
  return event.placed;
}

/**
 * The Sessions page's filters that an event can be judged by (lib/sessions/list-sessions.ts reads the same
 * query). Search and dates are not: a change of a conversation they may hide still refreshes the page.
 */
export interface SessionsNewsFilters {
  channel?: ChannelName;
  /** An agent id, or "none" for unassigned. */
  agent?: string;
  status?: "waiting" | "open" | "resolved" | "spam" | "banned";
}

function inSessionsFilters(filters: SessionsNewsFilters, facts: ListFacts): boolean {
  if (filters.agent && facts.assigneeId !== (filters.agent === "none" ? null : filters.agent)) return false;
  if (filters.status === "spam" || filters.status === "banned") return facts.bucket === filters.status;
  return !filters.status || facts.status === filters.status;
}

/**
 * A conversation changed (conversation.updated, message.created — each sent only to who may see it before or
 * after: lib/realtime/rooms.ts): 1 when it is a new conversation the shown filters take, 0 when it enters,
 * leaves or changes in them (a status, an assignee, a message moving it to the top), null when it is in
 * them neither before nor after. A banned sender's held messages send no event at all (the cheap lane).
 */
export function sessionsNews(filters: SessionsNewsFilters) {
  return ({ conversation, previous }: Pick<ConversationChangedEvent, "conversation" | "previous">): number | null => {
    if (filters.channel && conversation.channel !== filters.channel) return null;
    const now = inSessionsFilters(filters, listFactsOf(conversation));
    if (!previous) return now ? 1 : null;
    return now || inSessionsFilters(filters, previous) ? 0 : null;
  };
}

/**
 * A contact marked or un-marked as spam: their conversations the viewer may see moved (no count; its moves
 * carry no channel, so a channel filter does not judge it).
 */
export function sessionsSpamNews(filters: SessionsNewsFilters) {
  return ({ moves }: ContactSpamChangedEvent): number | null =>
    moves.some((move) => inSessionsFilters(filters, move.previous) || inSessionsFilters(filters, move.after))
      ? 0
      : null;
}

/**
 * A contact's card edited (contact.updated with `card`): news without a count when the Sessions page shows the
 * contact (`shownNames`, by contact id, as the page rendered them) under another name; null for a trait or a
 * block, and for a contact the page does not show (whoever receives the event may see the contact).
 */
export function sessionsContactNews(shownNames: Readonly<Record<string, string>>) {
  return ({ contactId, card }: ContactUpdatedEvent): number | null =>
    card && Object.hasOwn(shownNames, contactId) && shownNames[contactId] !== card.name ? 0 : null;
}
