import "server-only";
import type { Tx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";

export interface OutboxEntry {
  tenantId: string;
  channel: ChannelName;
  recipient: string;
  body: string;
  messageId?: string;
  conversationId?: string;
  campaignId?: string;
}

/** Queues an outgoing message for the channel connector (GET /api/v1/outbox). Inside the caller's transaction. */
export async function enqueueOutboxMessage(tx: Tx, entry: OutboxEntry) {
  return tx.outboxMessage.create({ data: entry, select: { id: true } });
}
