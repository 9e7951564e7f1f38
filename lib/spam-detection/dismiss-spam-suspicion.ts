// Dismissing a suspicion: an agent looked at a chat the classifier held in Suspected and says it is not
// spam. The chat goes back where its status says (All / You / Unassigned), is never held again, gets a
// timeline line, and its messages teach the classifier "not spam". Confirming a suspicion is marking the
// user as spam (lib/spam-marking), with everything that does.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { actorDisplayName } from "@/lib/auth/actor";
import { actingAgentOf } from "@/lib/auth/agents";
import { AppError, NotFound, parseInput } from "@/lib/errors";
import { visibleConversationsWhere } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { inboxBucket } from "@/lib/inbox/bucket";
import type { ConversationSummary, ListFacts } from "@/lib/inbox/conversation-summary";
import { readConversationSummary } from "@/lib/inbox/read-conversation-summaries";
import { publishConversationChanged } from "@/lib/realtime/publish";
import type { ClassifierCache } from "@/lib/classifier";
import { teachFromConversation } from "./learn-from-team";

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
}: {
  db: Db;
  actor: Actor;
  conversationId: string;
  now?: Date;
  cache?: ClassifierCache;
}): Promise<DismissSpamSuspicionResult> {
  const marker = await actingAgentOf(db, actor);
  const outcome = await db.$transaction(async (tx) => {
    const visible = await tx.conversation.findFirst({ where: { AND: [{ id: String(conversationId) }, visibleConversationsWhere(actor)] }, select: { id: true } });
    if (!visible) throw new NotFound("conversation");
    const [row] = await tx.$queryRaw<Array<{ status: "waiting" | "open" | "resolved"; bucket: string; assigneeId: string | null; spamMarkedById: string | null; tenantId: string }>>`
      SELECT "tenantId", "status"::text AS "status", "bucket"::text AS "bucket", "assigneeId", "spamMarkedById" FROM "Conversation" WHERE "id" = ${visible.id} FOR UPDATE`;
    if (!row || row.bucket !== "suspected") return { changed: false as const };
    const previous: ListFacts = { status: row.status, bucket: "suspected", assigneeId: row.assigneeId, spamMarkedById: row.spamMarkedById };
    await tx.conversation.update({
      where: { id: visible.id },
      data: { bucket: inboxBucket(row.status), spamSuspicionDismissedAt: now },
      select: { id: true },
    });
    await tx.conversationEvent.create({
      data: {
        tenantId: row.tenantId,
        conversationId: visible.id,
        type: "spam_suspicion_dismissed",
        actorAgentId: marker?.agentId ?? null,
        data: { actorId: marker?.agentId ?? null, actorName: marker?.name ?? actorDisplayName(actor) },
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, { action: "conversation.spam_suspicion_dismissed", targetType: "conversation", targetId: visible.id, data: {} });
    return { changed: true as const, previous, summary: await readConversationSummary(tx, visible.id) };
  });
  if (!outcome.changed) {
    return { changed: false, conversation: await readConversationSummary(db, String(conversationId)) };
  }
  publishConversationChanged(actor.tenantId, outcome.summary, outcome.previous);
  // Never throws.
  await teachFromConversation({ db, tenantId: actor.tenantId, conversationId: outcome.summary.id, source: "dismiss_suspicion", cache });
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
export async function bulkDismissSpamSuspicions({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<BulkDismissSummary> {
  const { conversationIds } = parseInput(bulkDismissSchema, input, "selection");
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
        summary.failed.push({ conversationId, error: error instanceof AppError ? error.message : "Unexpected error" });
      }
    }
  }
  return summary;
}
