// The domain events: what a use case changed, returned from its transaction and dispatched after the
// commit (lib/events/dispatch.ts) to the listeners in lib/events/listeners.ts. One map, typed once.
// Events carry what their listeners need, so no listener reads back what the use case just wrote.
import type { ChannelName } from "@/lib/channels/channels";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import type { TimelineEvent } from "@/lib/conversations/timeline-events";
import type {
  ContactCardChange,
  ContactSpamChangedEvent,
  LiveChatCardState,
  MessagePayload,
} from "@/lib/realtime/events";
import type { SpamManagerChange } from "@/lib/realtime/spam-manager-change";
import type { BlacklistChange } from "@/lib/realtime/blacklist-change";
import type { CampaignsChange } from "@/lib/realtime/campaigns-change";

/** A spam string found in a message, as an event carries it (the shape of MessageSpamString). */
export interface CarriedSpamString {
  kind: "domain" | "url" | "phone" | "email";
  value: string;
  domain: string | null;
  raw: string;
  obfuscated: boolean;
}

export interface DomainEventMap {
  /** A channel delivered a message and it is stored (always — a banned sender's too: admitted false). */
  "message.received": {
    tenantId: string;
    /** Whether the admission gate let it reach agents (false: a banned sender; the message is kept). */
    admitted: boolean;
    conversation: ConversationSummary;
    previous: ListFacts | null;
    message: MessagePayload;
    /** The line the message wrote ("Reopened by the contact"), for the views of the conversation. */
    timeline?: TimelineEvent[];
    contactId: string;
    channel: ChannelName;
    /** The tenant's default phone region, for numbers in the text written without a country code. */
    region: string;
    /** The classifier's score, present when an enabled "score ≥ X" Spam Manager rule may fire on it. */
    spamScore?: number;
    /**
     * The spam strings in the text, as ingest found them (lib/spam-manager/conventions.ts'
     * MessageSpamString), for the Spam Manager's job: its rules judge these, and it records them when the
     * store step could not. Absent in jobs queued before ingest extracted them all: the job extracts.
     */
    spamStrings?: CarriedSpamString[];
    /**
     * Set when the statement that stored the message recorded spamStrings too: whether the tenant had
     * enabled Spam Manager rules then (the job runs them; nothing is left to record).
     */
    spamStringsRecorded?: { tenantHasRules: boolean };
  };
  /** An agent's reply was stored (and queued to the channel's outbox). */
  "message.sent": {
    tenantId: string;
    conversation: ConversationSummary;
    previous: ListFacts | null;
    message: MessagePayload;
  };
  /** A conversation's list facts or its row changed (status, assignee, labels, bucket…). */
  "conversation.changed": {
    tenantId: string;
    conversation: ConversationSummary;
    previous: ListFacts | null;
    /**
     * The timeline lines the change wrote, when they, the summary and `context` are all an open view of
     * the conversation gains (so it needs no refetch). Absent when the change touched what only a read
     * shows: viewers refetch the conversation then.
     */
    timeline?: TimelineEvent[];
    /** The conversation context after a change that may write it (a live-chat block, unblock or expiry). */
    context?: Record<string, unknown>;
  };
  /** A contact was created (first contact): ongoing campaigns whose audience it matches reach it. */
  "contact.created": {
    tenantId: string;
    contactId: string;
    /** Whether the tenant had an active ongoing campaign, when the creator knew it (ingest, from memory). */
    ongoingCampaigns?: boolean;
  };
  /**
   * A contact's data or state changed (name, traits, a live-chat block). matchedCampaignsBefore: the
   * ongoing campaigns it matched before a change that can move it into an audience; null when the
   * change cannot (a block), so no campaign is sent because of it.
   */
  "contact.updated": {
    tenantId: string;
    contactId: string;
    matchedCampaignsBefore: string[] | null;
    /**
     * An edit's new card (name, traits), and the list facts of the contact's conversations, which decide
     * who may see the contact (lib/policy.ts visibleContactsWhere): only they are sent the card.
     */
    card?: ContactCardChange & { seenThrough: ListFacts[] };
    /** A live-chat block, unblock or expiry: what the card shows of live chat now, and who may see the contact. */
    liveChat?: LiveChatCardState & { seenThrough: ListFacts[] };
  };
  /** A contact was marked or un-marked as spam: all their conversations moved lists at once. */
  "contact.spam_changed": {
    tenantId: string;
    change: ContactSpamChangedEvent;
    /** The conversations whose visibility changed (sockets leave rooms they may no longer see). */
    visibility: Array<{ conversationId: string; previous: ListFacts | null; after: ListFacts }>;
  };
  /**
   * What the Spam Manager shows changed outside a message's own event: strings recorded by a job or the
   * cheap lane, action runs (a moderator's or a rule's), an Allow/Deny entry added, moved or removed.
   */
  "spam_manager.changed": {
    tenantId: string;
    change: SpamManagerChange;
  };
  /** Bans were placed or deactivated (not their hits: a banned sender's messages are no news to the Blacklist). */
  "blacklist.changed": {
    tenantId: string;
    change: BlacklistChange;
  };
  /** Campaigns were created, edited, deleted, sent, activated or paused, or reached recipients (counts). */
  "campaigns.changed": {
    tenantId: string;
    change: CampaignsChange;
  };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEvent = { [K in DomainEventName]: { type: K } & DomainEventMap[K] }[DomainEventName];
export type DomainEventOf<K extends DomainEventName> = Extract<DomainEvent, { type: K }>;

/** Builds one event, typed by its name. */
export function domainEvent<K extends DomainEventName>(type: K, payload: DomainEventMap[K]): DomainEventOf<K> {
  return { type, ...payload } as unknown as DomainEventOf<K>;
}

/**
 * An event as a durable job carries it: plain JSON. Times travel as {"$date": ISO-8601} and come back as
 * Dates, so an event may carry a Date today or tomorrow without its listener receiving a string.
 */
export type EncodedEvent = { type: DomainEventName } & Record<string, unknown>;

const DATE_TAG = "$date";

/**
 * The JSON text of `value` — an event, or what carries events (a job's spec) — with every Date as
 * {"$date": ISO-8601}: one pass, as it goes to the database.
 */
export function toEventJson(value: unknown): string {
  // The replacer sees a Date after its toJSON ran: the raw value is read from the holder.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, json) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : json;
  });
}

/** An event parsed from toEventJson's text, its times Dates again. In place: the parsed value is the caller's. */
export function decodeEvent(encoded: EncodedEvent): DomainEvent {
  return reviveDates(encoded) as DomainEvent;
}

function reviveDates(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveDates(value[i]);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const tagged = record[DATE_TAG];
    if (typeof tagged === "string" && Object.keys(record).length === 1) return new Date(tagged);
    for (const key in record) record[key] = reviveDates(record[key]);
  }
  return value;
}
