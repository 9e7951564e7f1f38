// The inbox's per-tab record of realtime changes (use-inbox-data.ts): the newest version seen of each
// conversation, so an older event is dropped, and the recent row changes, so the ones that arrived while
// a list was being fetched can be applied again to its answer.
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { ContactCardChange, LiveChatCardState } from "@/lib/realtime/events";
import { isOlder, type RowChange } from "./inbox-cache";

/** A versioned state from an event, and the position it arrived at. */
interface Arrived<T> {
  value: T;
  seq: number;
}

/** How many row changes are kept for replay; a fetch slower than that many events refetches instead. */
const LOG_LIMIT = 2000;

/** The per-tab bookkeeping behind the inbox data layer's two guarantees (see use-inbox-data.ts). */
export class LiveLog {
  private seq = 0;
  private entries: Array<{ seq: number; change: RowChange }> = [];
  /** Events that moved counts so far: a counts fetch during which this grew is made again. */
  countMoves = 0;
  /** The newest version seen of each conversation (events and fetched rows). */
  private versions = new Map<string, string>();
  /** Per list query: the log position when its current fetch (of one or more pages) started. */
  private fetchStarts = new Map<string, number>();

  /** Notes a summary's version; false when a newer one was already seen (the summary is stale). */
  note(conversation: ConversationSummary): boolean {
    const held = this.versions.get(conversation.id);
    if (isOlder(conversation, held)) return false;
    this.versions.set(conversation.id, conversation.updatedAt);
    return true;
  }

  record(change: RowChange): void {
    this.entries.push({ seq: ++this.seq, change });
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }

  /** Several pages of one refetch count from the first one's start. */
  fetchStarted(queryHash: string): void {
    if (!this.fetchStarts.has(queryHash)) this.fetchStarts.set(queryHash, this.seq);
  }

  /** The changes since the fetch of `queryHash` started; null when the log no longer reaches back that far. */
  fetchEnded(queryHash: string): RowChange[] | null {
    const since = this.fetchStarts.get(queryHash);
    this.fetchStarts.delete(queryHash);
    if (since === undefined || since === this.seq) return [];
    if ((this.entries[0]?.seq ?? 0) > since + 1) return null;
    // The answer may hold a newer state than a change logged meanwhile: that change is past.
    return this.entries
      .filter((entry) => entry.seq > since)
      .flatMap(({ change }): RowChange[] => {
        if (change.kind === "conversation") return this.isCurrent(change.conversation) ? [change] : [];
        return [
          {
            ...change,
            event: { ...change.event, conversations: change.event.conversations.filter((c) => this.isCurrent(c)) },
          },
        ];
      });
  }

  /** Per contact from contact.updated: the newest card (name, traits) and live-chat state seen, and when. */
  private cards = new Map<string, Arrived<ContactCardChange>>();
  private liveChats = new Map<string, Arrived<LiveChatCardState>>();
  private contactSeq = 0;

  /** Notes a contact's card from an event; false when a newer one was already seen (the card is stale). */
  noteCard(contactId: string, card: ContactCardChange): boolean {
    return this.noteNewest(this.cards, contactId, card);
  }

  /** Notes a contact's live-chat state from an event; false when a newer one was already seen. */
  noteLiveChat(contactId: string, state: LiveChatCardState): boolean {
    return this.noteNewest(this.liveChats, contactId, state);
  }

  /** The position now: a contact read starting here applies what arrives after it (cardSince, liveChatSince). */
  get cardPosition(): number {
    return this.contactSeq;
  }

  /** A card that arrived after `since` (a read's start): the read may have happened before its change. */
  cardSince(contactId: string, since: number): ContactCardChange | null {
    const held = this.cards.get(contactId);
    return held && held.seq > since ? held.value : null;
  }

  /** A live-chat state that arrived after `since` (a read's start). */
  liveChatSince(contactId: string, since: number): LiveChatCardState | null {
    const held = this.liveChats.get(contactId);
    return held && held.seq > since ? held.value : null;
  }

  private noteNewest<T extends { version: string }>(
    held: Map<string, Arrived<T>>,
    contactId: string,
    value: T,
  ): boolean {
    const newest = held.get(contactId);
    if (newest && value.version < newest.value.version) return false;
    held.set(contactId, { value, seq: ++this.contactSeq });
    return true;
  }

  private isCurrent(conversation: ConversationSummary): boolean {
    return !isOlder(conversation, this.versions.get(conversation.id));
  }
}
