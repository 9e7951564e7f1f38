// Expiry needs no job to be enforced: the gate compares times, and the lists compute "expired" from
// blockedUntil. Recording it (the "expired" audit entry and timeline line, once per block) happens in
// two places, whichever comes first:
// - the expiry job (recordExpiredLiveChatBlocks, every few minutes through lib/jobs/scheduler.ts), so
//   the history shows an expiry even when the user never asks again; its timeline line is dated at the
//   block's end, however late the job ran;
// - the user's next connect request (noteExpiredBlocks, inside connect's transaction), dated then.
// Both claim the block by setting LiveChatBlock.expiryRecordedAt where it is still null, in the same
// transaction as the records: a concurrent claimer waits on the row and then finds it taken, so each
// block is recorded exactly once. Lock order is the connect path's: conversation row, then block rows.
import "server-only";
import { timelineEntry, type TimelineEvent } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import type { Job } from "@/lib/jobs/scheduler";
import { recordSystemAudit } from "@/lib/audit";
import { lockConversation } from "@/lib/conversations/lock-visible-conversation";
import { listFactsOf } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import { readLiveChatCardChange } from "./live-chat-card";

export const EXPIRED_ACTION = "live_chat.block_expired";

/** Blocks that ran out, were never lifted and whose expiry is not recorded yet. */
const unrecordedExpiry = (now: Date) =>
  ({ expiryRecordedAt: null, unblockedAt: null, blockedUntil: { lte: now } }) satisfies Prisma.LiveChatBlockWhereInput;

interface ExpiredBlock {
  id: string;
  tenantId: string;
  contactId: string;
  blockedUntil: Date;
  authenticated: boolean;
}

/** The audit entry and the timeline line of one block's expiry (the block already claimed). */
async function writeExpiry(
  tx: Tx,
  block: ExpiredBlock,
  conversationId: string | null,
  eventAt: Date,
): Promise<TimelineEvent | null> {
  const data = { blockId: block.id, expiredAt: block.blockedUntil.toISOString(), authenticated: block.authenticated };
  await recordSystemAudit(tx, block.tenantId, {
    action: EXPIRED_ACTION,
    targetType: "live_chat_block",
    targetId: block.id,
    data: { ...data, contactId: block.contactId, conversationId },
  });
  if (!conversationId) return null;
  return recordTimelineEvent(
    tx,
    { tenantId: block.tenantId, conversationId, actor: null, createdAt: eventAt },
    timelineEntry("live_chat_block_expired", data),
  );
}

/**
 * The connect path: records the expiries of the requesting user's blocks (conversation row locked by the
 * caller); answers the timeline lines written, for the caller's event to carry.
 */
export async function noteExpiredBlocks(
  tx: Tx,
  request: { tenantId: string; contactId: string; authenticated: boolean; conversationId: string },
  now: Date,
): Promise<TimelineEvent[]> {
  const candidates = await tx.liveChatBlock.findMany({
    where: {
      tenantId: request.tenantId,
      contactId: request.contactId,
      conversationId: request.authenticated ? null : request.conversationId,
      ...unrecordedExpiry(now),
    },
    select: { id: true },
    orderBy: { blockedUntil: "desc" },
    take: 50,
  });
  if (!candidates.length) return [];
  const claimed = await tx.liveChatBlock.updateManyAndReturn({
    where: { tenantId: request.tenantId, id: { in: candidates.map((b) => b.id) }, ...unrecordedExpiry(now) },
    data: { expiryRecordedAt: now },
    select: { id: true, tenantId: true, contactId: true, blockedUntil: true, authenticated: true },
  });
  const lines: TimelineEvent[] = [];
  for (const block of claimed.sort((a, b) => b.blockedUntil.getTime() - a.blockedUntil.getTime())) {
    const line = await writeExpiry(tx, block, request.conversationId, now);
    if (line) lines.push(line);
  }
  return lines;
}

export interface ExpiryJobResult {
  recorded: number;
  /** Blocks whose recording failed (logged; retried on the next run). */
  failed: number;
}

const BATCH = 200;
/** A backlog (first run after an upgrade, a long outage) is worked off over several runs. */
const MAX_PER_RUN = 5_000;

/** The expiry job: records every block that ran out and is not recorded yet, across tenants. */
export async function recordExpiredLiveChatBlocks(db: Db, now: Date): Promise<ExpiryJobResult> {
  const result: ExpiryJobResult = { recorded: 0, failed: 0 };
  const failedIds: string[] = [];
  for (let seen = 0; seen < MAX_PER_RUN; ) {
    const batch = await db.liveChatBlock.findMany({
      where: { ...unrecordedExpiry(now), ...(failedIds.length ? { id: { notIn: failedIds } } : {}) },
      select: {
        id: true,
        tenantId: true,
        contactId: true,
        conversationId: true,
        blockedUntil: true,
        authenticated: true,
      },
      orderBy: [{ blockedUntil: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    for (const block of batch) {
      try {
        if (await recordOneExpiry(db, block, now)) result.recorded++;
      } catch (error) {
        console.error(`[jobs] live-chat expiry of block ${block.id} failed:`, error);
        failedIds.push(block.id);
        result.failed++;
      }
    }
    seen += batch.length;
    if (batch.length < BATCH) break;
  }
  return result;
}

/** One block in its own short transaction; false when someone else recorded it first. */
async function recordOneExpiry(
  db: Db,
  block: ExpiredBlock & { conversationId: string | null },
  now: Date,
): Promise<boolean> {
  // Authenticated users' blocks belong to no conversation: the line goes in their latest one.
  const conversation = await db.conversation.findFirst({
    where: block.conversationId
      ? { id: block.conversationId, tenantId: block.tenantId }
      : { tenantId: block.tenantId, contactId: block.contactId },
    orderBy: { lastMessageAt: "desc" },
    select: { id: true },
  });
  const conversationId = conversation?.id ?? null;
  const written = await db.$transaction(async (tx) => {
    if (conversationId) await lockConversation(tx, block.tenantId, conversationId);
    const claimed = await tx.liveChatBlock.updateMany({
      where: { id: block.id, tenantId: block.tenantId, ...unrecordedExpiry(now) },
      data: { expiryRecordedAt: now },
    });
    if (claimed.count === 0) return null;
    const line = await writeExpiry(tx, block, conversationId, block.blockedUntil);
    return {
      line,
      summary: conversationId ? await readConversationSummary(tx, block.tenantId, conversationId) : null,
      liveChat: await readLiveChatCardChange(tx, block.tenantId, block.contactId, now),
    };
  });
  if (!written) return false;
  // A new timeline line (the conversation stays in its lists) and the card's live-chat state, carried.
  const { line, summary, liveChat } = written;
  await dispatchEvents(db, [
    ...(summary && line
      ? [
          domainEvent("conversation.changed", {
            tenantId: block.tenantId,
            conversation: summary,
            previous: listFactsOf(summary),
            timeline: [line],
          }),
        ]
      : []),
    domainEvent("contact.updated", {
      tenantId: block.tenantId,
      contactId: block.contactId,
      matchedCampaignsBefore: null,
      liveChat,
    }),
  ]);
  return true;
}

export const liveChatExpiryJob: Job = {
  name: "live-chat-block-expiry",
  intervalMs: 5 * 60_000,
  run: async (db, now) => ({ ...(await recordExpiredLiveChatBlocks(db, now)) }),
};
