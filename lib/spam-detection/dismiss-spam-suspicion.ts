// Dismissing a suspicion: an agent looked at a chat the classifier held in Suspected and says it is not
// spam. The chat goes back where its status says (All / You / Unassigned), is never held again, gets a
// timeline line, and its messages teach the classifier "not spam". Confirming a suspicion is marking the
// user as spam (lib/spam-marking), with everything that does.
import "server-only";
import { z } from "zod";
import { AppError, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { inboxBucket } from "@/lib/conversations/bucket";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { lockVisibleConversation } from "@/lib/conversations/lock-visible-conversation";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import type { ClassifierCache } from "@/lib/classifier";
import { teachFromConversation } from "./learn-from-team";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export interface DismissSpamSuspicionResult {
  changed: boolean;
  conversation: ConversationSummary;
}

export async function dismissSpamSuspicion({
  db,
  actor,
  conversationId,
  now = new Date(),
  cache,
}: UseCaseContext & {
  conversationId: string;
  cache?: ClassifierCache;
}): Promise<DismissSpamSuspicionResult> {
  const outcome = await db.$transaction(async (tx) => {
    const row = await lockVisibleConversation(tx, actor, conversationId, {
      id: true,
      tenantId: true,
      status: true,
      bucket: true,
      assigneeId: true,
      spamMarkedById: true,
    });
    if (row.bucket !== "suspected") return { changed: false as const };
    const previous: ListFacts = {
      status: row.status,
      bucket: "suspected",
      assigneeId: row.assigneeId,
      spamMarkedById: row.spamMarkedById,
    };
    await tx.conversation.update({
      where: { id: row.id, tenantId: row.tenantId },
      data: { bucket: inboxBucket(row.status), spamSuspicionDismissedAt: now },
      select: { id: true },
    });
    const line = await recordTimelineEvent(
      tx,
      { tenantId: row.tenantId, conversationId: row.id, actor, createdAt: now },
      timelineEntry("spam_suspicion_dismissed", {}),
    );
    await recordAudit(tx, actor, {
      action: "conversation.spam_suspicion_dismissed",
      targetType: "conversation",
      targetId: row.id,
      data: {},
    });
    return { changed: true as const, previous, line, summary: await readConversationSummary(tx, row.tenantId, row.id) };
  });
  if (!outcome.changed) {
    return {
      changed: false,
      conversation: await readConversationSummary(db, actor.tenantId, String(conversationId)),
    };
  }
  await dispatchEvents(db, [
    domainEvent("conversation.changed", {
      tenantId: actor.tenantId,
      conversation: outcome.summary,
      previous: outcome.previous,
      timeline: [outcome.line],
    }),
  ]);
  // Never throws.
  await teachFromConversation({
    db,
    tenantId: actor.tenantId,
    conversationId: outcome.summary.id,
    source: "dismiss_suspicion",
    cache,
  });
  return { changed: true, conversation: outcome.summary };
}

export const bulkDismissSchema = z.object({
  conversationIds: z.array(z.string().min(1).max(64)).min(1, "select at least one conversation").max(500),
});

export interface BulkDismissSummary {
  dismissed: number;
  unchanged: number;
  failed: Array<{ conversationId: string; error: string }>;
  /** Selected ids that do not exist or are not visible to the actor. */
  notFound: string[];
}

/** Dismisses the suspicion of several selected chats, one transaction each (a failure does not undo the others). */
export const bulkDismissSpamSuspicions = defineUseCase({
  inputName: "selection",
  input: bulkDismissSchema,
  // Who may dismiss is who sees the chats: dismissSpamSuspicion answers 404 for the others (reported as notFound).
  run: async ({ db, actor }: UseCaseContext, { conversationIds }): Promise<BulkDismissSummary> => {
    const summary: BulkDismissSummary = { dismissed: 0, unchanged: 0, failed: [], notFound: [] };
    for (const conversationId of new Set(conversationIds)) {
      try {
        const result = await dismissSpamSuspicion({ db, actor, conversationId });
        if (result.changed) summary.dismissed++;
        else summary.unchanged++;
      } catch (error) {
        if (error instanceof NotFound) summary.notFound.push(conversationId);
        else {
          if (!(error instanceof AppError)) console.error("[spam-detection] bulk dismissal failed:", error);
          summary.failed.push({
            conversationId,
            error: error instanceof AppError ? error.message : "Unexpected error",
          });
        }
      }
    }
    return summary;
  },
});
