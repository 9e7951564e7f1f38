// A refused request to reach an agent is a timeline line. Asked again and again — a blocked or banned visitor's
// script, a harasser pressing "Talk to an agent" (20 a minute pass the widget's limit) — it would be tens of
// thousands of lines a day that agents scroll past and the conversation view loads (its events are read for the
// span of a page of messages, however many there are). So the same refusal repeated with nothing in between — no
// message, no other line — is counted on its line instead: "refused … · 37 attempts, the last at 10:47". The audit
// log still gets an entry per attempt.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { actingAgentId, actorDisplayName } from "@/lib/auth/actor";
import { recordTimelineEvent, type TimelineEventTarget } from "@/lib/conversations/timeline-writer";
import { toTimelineEvent, type TimelineEntry, type TimelineEvent } from "@/lib/conversations/timeline-events";

type Refusal = Extract<TimelineEntry, { type: "live_chat_refused" }>;
type RefusalData = Refusal["data"];

/** The same refusal: the same reason, block (and its end) or ban, asked the same way by the same one. */
function sameRefusal(line: RefusalData, attempt: RefusalData): boolean {
  return (
    line.state === attempt.state &&
    line.via === attempt.via &&
    (line.blockId ?? null) === (attempt.blockId ?? null) &&
    (line.blockedUntil ?? null) === (attempt.blockedUntil ?? null) &&
    (line.banId ?? null) === (attempt.banId ?? null) &&
    (line.actorId ?? null) === (attempt.actorId ?? null) &&
    line.actorName === attempt.actorName
  );
}

/**
 * Writes the refusal as a new line, or counts it on the conversation's latest line when that is the same refusal
 * and no message came after it. The caller holds the conversation's lock (attempts on one chat are serialized).
 * Answers the line as it now reads, for the realtime event.
 */
export async function recordRefusalLine(
  tx: Tx,
  target: TimelineEventTarget & { createdAt: Date; lastMessageAt: Date },
  refusal: Refusal,
): Promise<TimelineEvent> {
  const { tenantId, conversationId, createdAt: now } = target;
  const latest = await tx.conversationEvent.findFirst({
    where: { tenantId, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, type: true, data: true, createdAt: true },
  });
  const line = latest ? toTimelineEvent(latest) : null;
  const byActor = target.actor
    ? { actorId: actingAgentId(target.actor), actorName: actorDisplayName(target.actor) }
    : {};
  if (
    latest &&
    line?.type === "live_chat_refused" &&
    latest.createdAt > target.lastMessageAt &&
    sameRefusal(line.data, { ...refusal.data, ...byActor })
  ) {
    const data = { ...line.data, attempts: (line.data.attempts ?? 1) + 1, lastAttemptAt: now.toISOString() };
    const row = await tx.conversationEvent.update({
      where: { id: latest.id, tenantId },
      data: { data: data as Prisma.InputJsonObject },
      select: { id: true, type: true, data: true, createdAt: true },
    });
    return toTimelineEvent(row);
  }
  return recordTimelineEvent(tx, target, refusal);
}
