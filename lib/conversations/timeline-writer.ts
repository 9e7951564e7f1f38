// The one writer of timeline entries (ConversationEvent rows): the type and its data come typed from
// timeline-events.ts; who did it (actorAgentId, and actorId/actorName in the data) from the actor.
// The bulk spam-mark statement (lib/spam-marking) writes its entries in one INSERT for speed, with the
// same type names and data shape.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { actingAgentId, actorDisplayName, type Actor } from "@/lib/auth/actor";
import { toTimelineEvent, type TimelineEntry, type TimelineEvent } from "./timeline-events";

export interface TimelineEventTarget {
  tenantId: string;
  conversationId: string;
  /** Who did it; null for the system (a block's expiry, the contact's own message). */
  actor: Actor | null;
  createdAt?: Date;
}

/** Writes one line and answers it as the timeline shows it (realtime events carry it to the open view). */
export async function recordTimelineEvent(
  tx: Tx,
  target: TimelineEventTarget,
  entry: TimelineEntry,
): Promise<TimelineEvent> {
  const { actor } = target;
  const byActor = actor ? { actorId: actingAgentId(actor), actorName: actorDisplayName(actor) } : {};
  const row = await tx.conversationEvent.create({
    data: {
      tenantId: target.tenantId,
      conversationId: target.conversationId,
      type: entry.type,
      actorAgentId: actor ? actingAgentId(actor) : null,
      data: { ...byActor, ...entry.data } as Prisma.InputJsonObject,
      ...(target.createdAt ? { createdAt: target.createdAt } : {}),
    },
    select: { id: true, type: true, data: true, createdAt: true },
  });
  return toTimelineEvent(row);
}
