// The realtime contract: every event the server sends, typed once for server and browser.
import type { SpamReasonView } from "@/lib/conversations/spam-reasons";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import type { TimelineEvent } from "@/lib/conversations/timeline-events";
import type { LiveChatBlockView, LiveChatInForce } from "@/lib/live-chat/block-view";
import type { BlacklistChangedEvent } from "./blacklist-change";
import type { CampaignsChangedEvent } from "./campaigns-change";
import type { SpamManagerChangedEvent } from "./spam-manager-change";

export type { BlacklistChangedEvent, CampaignsChangedEvent, SpamManagerChangedEvent };

export interface MessagePayload {
  id: string;
  conversationId: string;
  direction: "in" | "out";
  body: string;
  authorAgentId: string | null;
  /** Incoming messages: probability of spam (0–1) and why (lib/spam-detection); null when not scored. */
  spamScore: number | null;
  spamReasons: SpamReasonView[];
  createdAt: string;
}

export interface ConversationChangedEvent {
  conversation: ConversationSummary;
  /** Where the conversation was before (null if new), so each client adjusts its lists and counts. */
  previous: ListFacts | null;
  /**
   * conversation.updated: the timeline lines the change wrote ("Assigned to Ann by Bob"), sent only to
   * agents who may see the conversation now. With it, a view of the conversation merges the lines and
   * the summary and needs no refetch; without it (a change of what only a read shows, or a viewer who lost
   * sight of it), a view shown refetches.
   */
  timeline?: TimelineEvent[];
  /**
   * The conversation context after a live-chat block, unblock or expiry (its LiveChatBlockedUntil), sent
   * with `timeline` to those who may see the conversation now; merged into a held view when the summary
   * is not older than what it shows.
   */
  context?: Record<string, unknown>;
  /**
   * A banned sender's message that moved their chat to Banned (it reaches no list): sent with `timeline`
   * to those who may still see the chat, whose open view shows it without a read.
   */
  message?: MessagePayload;
}

export interface MessageCreatedEvent extends Omit<ConversationChangedEvent, "message"> {
  message: MessagePayload;
}

/** A contact was marked or un-marked as spam: all their conversations moved lists at once. */
export interface ContactSpamChangedEvent {
  contactId: string;
  spam: boolean;
  actorName: string;
  /** How many conversations moved from which list facts to which: every viewer's counts follow from it. */
  moves: Array<{ previous: ListFacts; after: ListFacts; count: number }>;
  /** The newest moved conversations in their new state (up to 20), to place rows without a refetch; when
   * totalConversations is larger, clients refetch the list they show. */
  conversations: ConversationSummary[];
  totalConversations: number;
  /** The "Marked as spam by …" line each carried conversation gained (only those in `conversations`). */
  timeline?: Array<{ conversationId: string; line: TimelineEvent }>;
  /** The contact's card after the change (its mark and the marked-as-spam trait), versioned like an edit's. */
  card?: ContactCardChange;
}

/**
 * What a contact's card shows that an edit (name, traits) changes: the same for every agent who may see
 * the contact, so it travels to them only (their conversations' visibility decides, as for a GET).
 */
export interface ContactCardChange {
  name: string;
  traits: Array<{
    key: string;
    type: "text" | "number" | "boolean" | "date";
    value: string;
    system: boolean;
    updatedAt: string;
  }>;
  /** The version of this state: edits of one contact are serialised, so a later edit has a later version. */
  version: string;
  /** Present when the change was a spam mark or un-mark: the card's mark. */
  spam?: { markedAt: string; markedBy: { id: string; name: string } | null } | null;
}

/**
 * What a user card shows of live chat, as a read gives it and as contact.updated carries it after a
 * block, an unblock or an expiry. Statuses are as of the read: a browser derives them again from the
 * times (blockStatusAt), so an expiry needs no new read. `version`: the newest block change it includes
 * (a block's start or its lifting); a state with an older version is stale.
 */
export interface LiveChatCardState {
  liveChat: LiveChatInForce | null;
  liveChatBlocks: LiveChatBlockView[];
  /** Chat activity data (a saved block writes its LiveChatBlocked* keys there). */
  activityData: Record<string, unknown>;
  version: string;
}

export interface ContactUpdatedEvent {
  contactId: string;
  /** Present for edits of the name and traits. */
  card?: ContactCardChange;
  /** Present after a live-chat block, unblock or expiry: the card's live-chat state (versioned). */
  liveChat?: LiveChatCardState;
}

export interface NotificationPayload {
  id: string;
  kind: "new_message";
  conversationId: string;
  title: string;
  body: string;
  createdAt: string;
}

export interface ServerToClientEvents {
  "conversation.updated": (event: ConversationChangedEvent) => void;
  "message.created": (event: MessageCreatedEvent) => void;
  /** Something an agent should be told about (a desktop notification when the tab is in the background). */
  "notification.created": (event: NotificationPayload) => void;
  "contact.spam_changed": (event: ContactSpamChangedEvent) => void;
  /** A contact's card changed: clients merge `card` / `liveChat`; with neither, clients showing it refetch. */
  "contact.updated": (event: ContactUpdatedEvent) => void;
  /**
   * Supervisors and admins only: the Spam Manager's lists changed (counts, at most one a second per tenant
   * and instance); its pages refresh what they show (app/(app)/spam-manager/live-updates.tsx).
   */
  "spam_manager.changed": (event: SpamManagerChangedEvent) => void;
  /**
   * Who may manage bans only: bans were placed or deactivated (counts, at most one a second per tenant and
   * instance); the Blacklist page refreshes (components/live-list.tsx). Not sent for a ban's hits.
   */
  "blacklist.changed": (event: BlacklistChangedEvent) => void;
  /**
   * Who may manage campaigns only: campaigns created, their statuses and recipient counts (counts and ids, at most
   * one a second per tenant and instance); the Campaigns pages refresh (app/(app)/campaigns/live-updates.tsx).
   */
  "campaigns.changed": (event: CampaignsChangedEvent) => void;
  /** Sent once after connecting: clients refetch what they show, since events may have been missed. */
  "session.ready": (event: { agentId: string; tenantId: string }) => void;
}

export interface ClientToServerEvents {
  "conversation.join": (conversationId: string, ack: (result: { ok: boolean }) => void) => void;
  "conversation.leave": (conversationId: string) => void;
}

export type ServerEventName = keyof ServerToClientEvents;

// The web-chat widget's namespace (/widget): a visitor hears only about their own conversation, and
// only what a visitor may know (no agent ids, lists, contact data or block reasons).

/** A message as the visitor sees it. */
export interface WidgetMessage {
  id: string;
  conversationId: string;
  direction: "in" | "out";
  body: string;
  createdAt: string;
  /** The agent's name on outgoing messages, when known. */
  authorName: string | null;
}

export interface WidgetStatusEvent {
  conversationId: string;
  status: "waiting" | "open" | "resolved";
  /** The agent now handling the chat, while open and assigned. */
  agentName: string | null;
}

export interface WidgetServerToClientEvents {
  "widget.message": (message: WidgetMessage) => void;
  "widget.status": (event: WidgetStatusEvent) => void;
  /** Sent after connecting (and joining the visitor's conversation room, if any): refetch the state. */
  "widget.ready": (event: { conversationId: string | null }) => void;
}

export interface WidgetClientToServerEvents {
  /** Follow a conversation (the visitor's own only; a first message creates it after connecting). */
  "widget.join": (conversationId: string, ack: (result: { ok: boolean }) => void) => void;
}
