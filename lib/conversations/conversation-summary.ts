// The one shape of a conversation in lists, API answers and realtime events: enough to place and
// render a row without another request. Read on the server by read-conversation-summaries.ts.
import type { ChannelName } from "@/lib/channels/channels";
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";
import type { SpamReasonView } from "@/lib/conversations/spam-reasons";

export interface LabelChip {
  id: string;
  name: string;
  color: string;
}

export interface ConversationSummary {
  id: string;
  channel: ChannelName;
  status: ConversationStatus;
  bucket: InboxBucket;
  contact: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  /** Who marked the contact as spam, while the conversation is in Spam. */
  spamMarkedById: string | null;
  labels: LabelChip[];
  lastMessageAt: string;
  lastMessagePreview: string;
  /** When the conversation asked to reach an agent (its place in the live-chat queue while waiting). */
  queuedAt: string | null;
  /** The highest spam score (0–1) of its incoming messages, and that message's reasons; null when none was scored. */
  spamScore: number | null;
  spamReasons: SpamReasonView[];
  createdAt: string;
  /**
   * When the row last changed (the column every write sets): the version of this state. A browser drops
   * an event whose summary is older than the row it holds (events of two concurrent changes may arrive
   * in either order). Millisecond precision: two changes in the same millisecond compare equal, and
   * the later-arriving one wins, as before versions existed.
   */
  updatedAt: string;
}

/** The facts list membership depends on, before a change (null for a new conversation). */
export interface ListFacts {
  /** Waiting chats are in the Waiting list (the live-chat queue) too. */
  status: ConversationStatus;
  bucket: InboxBucket;
  assigneeId: string | null;
  spamMarkedById: string | null;
}

export function listFactsOf(
  summary: Pick<ConversationSummary, "status" | "bucket" | "assignee" | "spamMarkedById">,
): ListFacts {
  return {
    status: summary.status,
    bucket: summary.bucket,
    assigneeId: summary.assignee?.id ?? null,
    spamMarkedById: summary.spamMarkedById,
  };
}
