// The common path of every change to a conversation: lock the row, re-read it, let the use case decide,
// write the change, its timeline event and its audit entry in one transaction, then dispatch the change
// to every agent who could see the conversation before or after.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { lockVisibleConversation } from "./lock-visible-conversation";
import { recordAudit } from "@/lib/audit";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import type { ConversationSummary, ListFacts } from "./conversation-summary";
import { readConversationSummary } from "./read-conversation-summaries";
import type { TimelineEntry } from "./timeline-events";
import { recordTimelineEvent } from "./timeline-writer";

export const conversationStateSelect = {
  id: true,
  tenantId: true,
  contactId: true,
  channel: true,
  status: true,
  bucket: true,
  assigneeId: true,
  spamMarkedById: true,
} satisfies Prisma.ConversationSelect;

export type ConversationState = Prisma.ConversationGetPayload<{ select: typeof conversationStateSelect }>;

export interface ConversationChange {
  data: Prisma.ConversationUpdateInput;
  /** The timeline line the change writes (who did it is added by the writer). */
  event: TimelineEntry;
  audit: { action: string; data?: Record<string, unknown> };
}

export type ConversationChangeResult = { changed: boolean; conversation: ConversationSummary };

export async function applyConversationChange(
  db: Db,
  actor: Actor,
  conversationId: string,
  decide: (current: ConversationState, tx: Tx) => Promise<ConversationChange | null>,
): Promise<ConversationChangeResult> {
  const result = await db.$transaction(async (tx) => {
    const current = await lockVisibleConversation(tx, actor, conversationId, conversationStateSelect);
    const change = await decide(current, tx);
    if (!change) {
      return { changed: false as const, conversation: await readConversationSummary(tx, current.tenantId, current.id) };
    }
    await tx.conversation.update({
      where: { id: current.id, tenantId: current.tenantId },
      data: change.data,
      select: { id: true },
    });
    const line = await recordTimelineEvent(
      tx,
      { tenantId: current.tenantId, conversationId: current.id, actor },
      change.event,
    );
    await recordAudit(tx, actor, {
      action: change.audit.action,
      targetType: "conversation",
      targetId: current.id,
      data: (change.audit.data ?? {}) as Prisma.InputJsonObject,
    });
    const previous: ListFacts = {
      status: current.status,
      bucket: current.bucket,
      assigneeId: current.assigneeId,
      spamMarkedById: current.spamMarkedById,
    };
    return {
      changed: true as const,
      conversation: await readConversationSummary(tx, current.tenantId, current.id),
      previous,
      timeline: [line],
    };
  });
  if (result.changed) {
    await dispatchEvents(db, [
      domainEvent("conversation.changed", {
        tenantId: actor.tenantId,
        conversation: result.conversation,
        previous: result.previous,
        timeline: result.timeline,
      }),
    ]);
  }
  return { changed: result.changed, conversation: result.conversation };
}
