// The one shape of a conversation in lists, API answers and realtime events: enough to place and
// render a row without another request.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/channels/channels";
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";

export const conversationSummarySelect = {
  id: true,
  tenantId: true,
  channel: true,
  status: true,
  bucket: true,
  assigneeId: true,
  spamMarkedById: true,
  lastMessageAt: true,
  lastMessagePreview: true,
  queuedAt: true,
  createdAt: true,
  contact: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  labels: { select: { label: { select: { id: true, name: true, color: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ConversationSelect;

export type SummaryRow = Prisma.ConversationGetPayload<{ select: typeof conversationSummarySelect }>;

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
  createdAt: string;
}

export function toConversationSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    bucket: row.bucket,
    contact: row.contact,
    assignee: row.assignee,
    spamMarkedById: row.spamMarkedById,
    labels: row.labels.map((l) => l.label),
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    queuedAt: row.queuedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The facts list membership depends on, before a change (null for a new conversation). */
export interface ListFacts {
  bucket: InboxBucket;
  assigneeId: string | null;
  spamMarkedById: string | null;
}

export function listFactsOf(summary: Pick<ConversationSummary, "bucket" | "assignee" | "spamMarkedById">): ListFacts {
  return { bucket: summary.bucket, assigneeId: summary.assignee?.id ?? null, spamMarkedById: summary.spamMarkedById };
}
