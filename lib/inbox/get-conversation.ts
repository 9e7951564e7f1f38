// One conversation with its timeline (messages and system events), for the conversation view and
// GET /api/v1/conversations/:id. Messages page backwards from the newest.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MessagePayload } from "@/lib/realtime/events";
import { toMessagePayload } from "@/lib/messages/message-payload";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { toTimelineEvent, type TimelineEvent } from "@/lib/conversations/timeline-events";
import { findVisibleConversation } from "@/lib/conversations/find-visible-conversation";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { banEvasionHints, type BanEvasionHint } from "@/lib/blacklist/evasion-hints";
import { defineUseCase, type ReadContext } from "@/lib/use-case";

export const MESSAGES_PAGE = 100;

/**
 * System lines read with a page of messages, at most: the newest of its stretch. Lines come from people's actions,
 * a few a message — but an agent's script toggling a label wrote 300 a minute, and the view loaded and drew every
 * one of them with the page. Past this, a marker line says how many older ones are left out.
 */
export const EVENTS_PER_PAGE = 500;

export const conversationQuerySchema = z.object({
  /** nextMessagesCursor of a previous answer: older messages. */
  before: z.string().max(200).optional(),
});

export interface ConversationDetail {
  conversation: ConversationSummary & { context: Record<string, unknown> };
  /**
   * Active bans on other channels than this conversation's matching one of the contact's identifiers (a ban-evasion
   * hint).
   */
  banHints: BanEvasionHint[];
  messages: MessagePayload[];
  /** Pass as ?before= for older messages; null when the first message is included. */
  olderMessagesCursor: string | null;
  events: TimelineEvent[];
}

export const getConversation = defineUseCase({
  inputName: "query",
  input: conversationQuerySchema,
  // Who may see it is who sees the chat: findVisibleConversation answers 404 otherwise.
  run: async (
    { db, actor, conversationId }: ReadContext & { conversationId: string },
    { before },
  ): Promise<ConversationDetail> => {
    const row = await findVisibleConversation(db, actor, conversationId, {
      id: true,
      contactId: true,
      channel: true,
      context: true,
    });
    const cursor = before ? decodeCursor(before) : null;
    const newestFirst = await db.message.findMany({
      where: {
        tenantId: actor.tenantId,
        conversationId: row.id,
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MESSAGES_PAGE + 1,
    });
    const page = newestFirst.slice(0, MESSAGES_PAGE).reverse();
    const oldest = page[0];
    const hasOlder = newestFirst.length > MESSAGES_PAGE;
    // Events in the span of the returned messages: from the oldest one (unless this page reaches the
    // start) up to the cursor (unless this is the newest page).
    const span = {
      tenantId: actor.tenantId,
      conversationId: row.id,
      createdAt: { ...(hasOlder && oldest ? { gte: oldest.createdAt } : {}), ...(cursor ? { lt: cursor.at } : {}) },
    };
    const newestEvents = await db.conversationEvent.findMany({
      where: span,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: EVENTS_PER_PAGE + 1,
    });
    const events = newestEvents.slice(0, EVENTS_PER_PAGE).reverse().map(toTimelineEvent);
    return {
      conversation: {
        ...(await readConversationSummary(db, actor.tenantId, row.id)),
        context: (row.context ?? {}) as Record<string, unknown>,
      },
      banHints: await banEvasionHints(db, actor.tenantId, row),
      messages: page.map(toMessagePayload),
      olderMessagesCursor: hasOlder && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null,
      events:
        newestEvents.length > EVENTS_PER_PAGE && events[0]
          ? [await omittedLinesMarker(db, span, events[0]), ...events]
          : events,
    };
  },
});

/** The line standing for the stretch's lines older than the oldest shown: how many, just before it. */
async function omittedLinesMarker(
  db: ReadContext["db"],
  span: Prisma.ConversationEventWhereInput,
  oldestShown: TimelineEvent,
): Promise<TimelineEvent> {
  const shownFrom = new Date(oldestShown.createdAt);
  const count = await db.conversationEvent.count({
    where: {
      AND: [span, { OR: [{ createdAt: { lt: shownFrom } }, { createdAt: shownFrom, id: { lt: oldestShown.id } }] }],
    },
  });
  return {
    id: `omitted-before-${oldestShown.id}`,
    type: "lines_omitted",
    data: { count },
    createdAt: new Date(shownFrom.getTime() - 1).toISOString(),
  };
}
