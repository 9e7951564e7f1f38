// Block a chat user from the live-chat queue for a period: the agent's end-of-chat dialog and
// conversation menu, chatbot flows (POST /api/v1/livechat/block) and the Spam Manager all call this.
// Authenticated users go on the tenant's Live Chat Blacklist (a block row without a conversation, and
// optionally the four LiveChatBlocked* keys in their chat activity data); anonymous visitors are
// blocked within the conversation (its context's LiveChatBlockedUntil, plus a row for history and hits).
// Blocking someone already blocked never shortens the block (an agent cannot unblock by re-blocking
// for a minute): the new block runs until the later of the two ends and supersedes the old row.
// writeLiveChatBlock is the one writer of block rows; a flow writing a future LiveChatBlockedUntil into
// the conversation context goes through it too (lib/live-chat/conversation-context.ts).
import "server-only";
import { timelineEntry, type TimelineEvent } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import { actorDisplayName, type Actor } from "@/lib/auth/actor";
import { loadAgentActor } from "@/lib/auth/agents";
import { authorize } from "@/lib/policy";
import { defineUseCase } from "@/lib/use-case";
import { recordAudit } from "@/lib/audit";
import { conversationStateSelect } from "@/lib/conversations/apply-conversation-change";
import { lockVisibleConversation } from "@/lib/conversations/lock-visible-conversation";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { bucketAfterChange } from "@/lib/conversations/bucket";
import { isContactMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent, type DomainEvent } from "@/lib/events/event-map";
import { BLOCKED_UNTIL_KEY, contextBlockedUntil } from "./find-active-block";
import { ACTIVITY_KEYS, blockInputSchema } from "./block-schemas";
import { liveChatBlockSelect, type LiveChatBlockRow, type LiveChatBlockView } from "./block-view";
import { readLiveChatCardChange } from "./live-chat-card";
import type { LiveChatCardState } from "@/lib/realtime/events";
import { toBlockViews } from "./block-records";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";

export interface BlockUserFromLiveChatOptions {
  db: Db;
  actor: Actor;
  /** The conversation the block is about: its contact (authenticated) or itself (anonymous). */
  conversationId: string;
  now?: Date;
}

export interface BlockUserFromLiveChatResult {
  block: LiveChatBlockView;
  /** The block this one superseded (the user was already blocked), if any. */
  supersededBlockId: string | null;
}

/** Who the block is recorded as made by, and the name written to LiveChatBlockedByAgentName. */
export async function blockerOf(
  db: Db | Tx,
  actor: Actor,
): Promise<{ id: string | null; name: string; activityName: string }> {
  if (actor.kind === "agent") return { id: actor.agentId, name: actor.name, activityName: actor.email };
  if (actor.kind === "system") return { id: null, name: actor.name, activityName: actor.name };
  // An API key without X-Agent-Id: the block is the key's; activity data names its default agent's
  // email when it has one (flows usually run "as" that agent), else the key's name.
  const defaultAgent = actor.defaultAgentId ? await loadAgentActor(db, actor.defaultAgentId, actor.tenantId) : null;
  return { id: null, name: actorDisplayName(actor), activityName: defaultAgent?.email ?? actor.apiKeyName };
}

/** Locks one of the tenant's contact rows; false when the tenant has no such contact (nothing is locked). */
export async function lockContact(tx: Tx, tenantId: string, contactId: string): Promise<boolean> {
  // NO KEY UPDATE: serializes blocks of one contact without waiting on ingest's KEY SHARE reads.
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Contact" WHERE "id" = ${contactId} AND "tenantId" = ${tenantId} FOR NO KEY UPDATE`;
  return rows.length > 0;
}

/**
 * A block in the API's words ({ BlockIntervalMinutes?, BlockReason, SaveToChatActivityData? }; the dialogs send
 * the same), blocked as blockFromLiveChat does. Who may block depends on the conversation: checked there.
 */
export const blockUserFromLiveChat = defineUseCase({
  inputName: "block",
  input: blockInputSchema,
  run: async (
    { db, actor, conversationId, now = new Date() }: BlockUserFromLiveChatOptions,
    { BlockIntervalMinutes: minutes, BlockReason: reason, SaveToChatActivityData: saveToActivityData },
  ): Promise<BlockUserFromLiveChatResult> =>
    blockFromLiveChat({ db, actor, conversationId, block: { minutes, reason, saveToActivityData }, now }),
});

/** A block in typed values, for callers inside the app (Spam Manager actions and rules). */
export interface LiveChatBlockRequest {
  /** 1..MAX_BLOCK_MINUTES. */
  minutes: number;
  reason: string;
  saveToActivityData: boolean;
}

export async function blockFromLiveChat({
  db,
  actor,
  conversationId,
  block: { minutes, reason, saveToActivityData },
  now = new Date(),
}: BlockUserFromLiveChatOptions & {
  block: LiveChatBlockRequest;
}): Promise<BlockUserFromLiveChatResult> {
  const blocker = await blockerOf(db, actor);

  const outcome = await db.$transaction(async (tx) => {
    const current = await lockVisibleConversation(tx, actor, conversationId, blockableConversationSelect);
    authorize(actor, "liveChat.block", current);
    return writeLiveChatBlock(
      tx,
      actor,
      blocker,
      current,
      { until: new Date(now.getTime() + minutes * 60_000), minutes, reason, saveToActivityData, shorter: "keep" },
      now,
    );
  });
  await settleAdmissionChanges();
  await dispatchEvents(db, blockEvents(actor.tenantId, outcome));
  const [view] = await toBlockViews(db, actor.tenantId, [outcome.block], now);
  return { block: view!, supersededBlockId: outcome.supersededId };
}

/** What a block needs to know about its conversation (lock the conversation row before reading it). */
export const blockableConversationSelect = {
  ...conversationStateSelect,
  context: true,
  contact: { select: { id: true, authenticated: true, activityData: true } },
} satisfies Prisma.ConversationSelect;

export type BlockableConversation = Prisma.ConversationGetPayload<{ select: typeof blockableConversationSelect }>;

export interface BlockPlan {
  until: Date;
  /** The period as asked for, for the record (the API's BlockIntervalMinutes). */
  minutes: number;
  reason: string;
  saveToActivityData: boolean;
  /**
   * When the user is already blocked until later than `until`: "keep" runs the block to the later end
   * (the block API: re-blocking never shortens); "shorten" ends it at `until` — callers check first
   * that the actor may unblock (lib/live-chat/conversation-context.ts).
   */
  shorter: "keep" | "shorten";
  /** The anonymous visitor's context to write the block into (default: the stored one). */
  context?: Record<string, unknown>;
  /** Recorded with the block ("flow" for a context write). */
  via?: string;
}

export interface BlockWritten {
  block: LiveChatBlockRow;
  summary: ConversationSummary;
  previous: ListFacts;
  supersededId: string | null;
  /** The timeline line the block wrote, and the conversation's context after it: what an open view gains. */
  line: TimelineEvent;
  context: Record<string, unknown>;
  /** The user card's live-chat state after the block, and who may see the contact. */
  liveChat: LiveChatCardState & { seenThrough: ListFacts[] };
}

/** The block in force for this conversation's user: its row, and the end the gate reads (row or context). */
export async function currentLiveChatBlock(
  tx: Tx,
  current: BlockableConversation,
  now: Date,
): Promise<{ row: { id: string; blockedUntil: Date } | null; until: Date | null }> {
  const { contact } = current;
  const row = await tx.liveChatBlock.findFirst({
    where: inForceWhere(current, now),
    orderBy: { blockedUntil: "desc" },
    select: { id: true, blockedUntil: true },
  });
  // A flow may have written an anonymous visitor's time without a row (before context writes made rows).
  const fromContext = contact.authenticated ? null : contextBlockedUntil(current.context, now);
  const until = row && (!fromContext || row.blockedUntil >= fromContext) ? row.blockedUntil : fromContext;
  return { row, until };
}

function inForceWhere(current: BlockableConversation, now: Date): Prisma.LiveChatBlockWhereInput {
  const scope = current.contact.authenticated ? { conversationId: null } : { conversationId: current.id };
  return {
    tenantId: current.tenantId,
    contactId: current.contact.id,
    ...scope,
    unblockedAt: null,
    blockedUntil: { gt: now },
  };
}

/**
 * Writes a block inside the caller's transaction (conversation row locked, `current` read after the
 * lock, the actor authorized): the row (superseding the one in force), the saved activity data, the
 * anonymous visitor's context value, the timeline event and the audit entry.
 */
export async function writeLiveChatBlock(
  tx: Tx,
  actor: Actor,
  blocker: Awaited<ReturnType<typeof blockerOf>>,
  current: BlockableConversation,
  plan: BlockPlan,
  now: Date,
): Promise<BlockWritten> {
  const { contact } = current;
  if (contact.authenticated) await lockContact(tx, current.tenantId, contact.id);

  const existing = await currentLiveChatBlock(tx, current, now);
  const blockedUntil =
    plan.shorter === "keep" && existing.until && existing.until > plan.until ? existing.until : plan.until;
  if (existing.row) {
    await tx.liveChatBlock.updateMany({
      where: inForceWhere(current, now),
      data: { unblockedAt: now, unblockedById: blocker.id, unblockedVia: "superseded" },
    });
  }
  const saved = contact.authenticated && plan.saveToActivityData;
  const block = await tx.liveChatBlock.create({
    data: {
      tenantId: current.tenantId,
      contactId: contact.id,
      conversationId: contact.authenticated ? null : current.id,
      authenticated: contact.authenticated,
      blockedAt: now,
      blockedUntil,
      reason: plan.reason,
      blockedById: blocker.id,
      blockedByName: blocker.name,
      savedToActivityData: saved,
    },
    select: liveChatBlockSelect,
  });
  if (saved) {
    await tx.contact.update({
      where: { id: contact.id, tenantId: current.tenantId },
      data: {
        activityData: {
          ...asObject(contact.activityData),
          [ACTIVITY_KEYS.blockedUntil]: blockedUntil.toISOString(),
          [ACTIVITY_KEYS.reason]: plan.reason,
          [ACTIVITY_KEYS.blockedAt]: now.toISOString(),
          [ACTIVITY_KEYS.by]: blocker.activityName,
        } as Prisma.InputJsonObject,
      },
      select: { id: true },
    });
  }

  const data: Prisma.ConversationUpdateInput = {};
  // The anonymous visitor's block lives in the conversation context, where flows read and clear it.
  const context = contact.authenticated
    ? asObject(current.context)
    : { ...(plan.context ?? asObject(current.context)), [BLOCKED_UNTIL_KEY]: blockedUntil.toISOString() };
  if (!contact.authenticated) data.context = context as Prisma.InputJsonObject;
  // Someone blocked while waiting leaves the queue as a blocked chat: it ends (Resolved, with the
  // block on its timeline), not as an open chat nobody is handling. Their widget hears of it and says
  // live chat is unavailable until the block's end. A chat already with an agent stays open.
  const leftQueue = current.status === "waiting";
  if (leftQueue) {
    data.status = "resolved";
    data.bucket = bucketAfterChange(current, "resolved", await isContactMarkedAsSpam(tx, current.tenantId, contact.id));
  }
  await tx.conversation.update({ where: { id: current.id, tenantId: current.tenantId }, data, select: { id: true } });
  const previousUntil = existing.until;
  const details = {
    blockId: block.id,
    blockedUntil: blockedUntil.toISOString(),
    minutes: plan.minutes,
    reason: plan.reason,
    authenticated: contact.authenticated,
    savedToActivityData: saved,
    extended: Boolean(existing.row) && (previousUntil === null || blockedUntil >= previousUntil),
    ...(previousUntil && blockedUntil < previousUntil
      ? { shortened: true, previousBlockedUntil: previousUntil.toISOString() }
      : {}),
    ...(plan.via ? { via: plan.via } : {}),
    ...(leftQueue ? { leftQueue: true } : {}),
  };
  const line = await recordTimelineEvent(
    tx,
    { tenantId: current.tenantId, conversationId: current.id, actor, createdAt: now },
    timelineEntry("live_chat_blocked", details),
  );
  await recordAudit(tx, actor, {
    action: "live_chat.blocked",
    targetType: "live_chat_block",
    targetId: block.id,
    data: {
      ...details,
      contactId: contact.id,
      conversationId: current.id,
      supersededBlockId: existing.row?.id ?? null,
    },
  });
  const previous: ListFacts = {
    status: current.status,
    bucket: current.bucket,
    assigneeId: current.assigneeId,
    spamMarkedById: current.spamMarkedById,
  };
  return {
    block,
    summary: await readConversationSummary(tx, current.tenantId, current.id),
    previous,
    supersededId: existing.row?.id ?? null,
    line,
    context,
    liveChat: await readLiveChatCardChange(tx, current.tenantId, contact.id, now),
  };
}

/**
 * What a written block changed, dispatched after its transaction commits: its conversation's row (a
 * blocked chat leaves the queue), timeline line and context, and the contact's card — all carried, so
 * the views showing them need no read.
 */
export function blockEvents(tenantId: string, outcome: BlockWritten): DomainEvent[] {
  return [
    domainEvent("conversation.changed", {
      tenantId,
      conversation: outcome.summary,
      previous: outcome.previous,
      timeline: [outcome.line],
      context: outcome.context,
    }),
    domainEvent("contact.updated", {
      tenantId,
      contactId: outcome.block.contactId,
      matchedCampaignsBefore: null,
      liveChat: outcome.liveChat,
    }),
  ];
}

export function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
