// Lift live-chat blocks before they expire: admins (users permission) and API keys, never agents or
// supervisors. From the Live Chat Blacklist page or API (one block), from the user card's "Live Chat
// Blacklist" tab (every active block of an authenticated user), and — for anonymous visitors — when a
// flow clears the conversation context (lib/live-chat/conversation-context.ts).
import "server-only";
import { timelineEntry, type TimelineEvent } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { actingAgentId, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { Conflict, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { lockConversation } from "@/lib/conversations/lock-visible-conversation";
import { listFactsOf, type ConversationSummary, type ListFacts } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent, type DomainEvent } from "@/lib/events/event-map";
import { BLOCKED_UNTIL_KEY } from "./find-active-block";
import { ACTIVITY_KEYS } from "./block-schemas";
import { blockStatus, liveChatBlockSelect, type LiveChatBlockRow, type LiveChatBlockView } from "./block-view";
import { readLiveChatCardChange } from "./live-chat-card";
import type { LiveChatCardState } from "@/lib/realtime/events";
import { toBlockViews } from "./block-records";
import { asObject, lockContact } from "./block-user";
import type { UseCaseContext } from "@/lib/use-case";

/** admin: an agent with the users permission; api: an API key; flow: the conversation context was cleared. */
export type UnblockVia = "admin" | "api" | "flow";

const viaOf = (actor: Actor): UnblockVia => (actor.kind === "agent" ? "admin" : "api");

export interface LiftOutcome {
  /** Each conversation that gained a line, with that line and its context after the lift. */
  touched: Array<{
    conversation: ConversationSummary;
    previous: ListFacts;
    line: TimelineEvent;
    context: Record<string, unknown>;
  }>;
  /** Each contact whose blocks were lifted, with their card's live-chat state after the lift. */
  contacts: Array<{ contactId: string; liveChat: LiveChatCardState & { seenThrough: ListFacts[] } }>;
}

/**
 * Lifts active blocks inside the caller's transaction (rows already locked): marks them lifted, clears
 * the anonymous visitor's context value, ends LiveChatBlockedUntil in saved activity data, and records
 * a timeline event and an audit entry for each.
 */
export async function liftBlocks(
  tx: Tx,
  actor: Actor,
  blocks: LiveChatBlockRow[],
  via: UnblockVia,
  now: Date,
): Promise<LiftOutcome> {
  const outcome: LiftOutcome = { touched: [], contacts: [] };
  const contactIds: string[] = [];
  // Every read and write below is within the actor's tenant: a block row of another tenant lifts nothing.
  const { tenantId } = actor;
  for (const block of blocks) {
    await tx.liveChatBlock.update({
      where: { id: block.id, tenantId },
      data: { unblockedAt: now, unblockedById: actingAgentId(actor), unblockedVia: via },
      select: { id: true },
    });
    if (block.conversationId && via !== "flow") {
      // The flow path writes the context itself; the others clear it so the gate lets the visitor in.
      const conversation = await tx.conversation.findFirst({
        where: { id: block.conversationId, tenantId },
        select: { context: true },
      });
      if (conversation) {
        await tx.conversation.update({
          where: { id: block.conversationId, tenantId },
          data: { context: { ...asObject(conversation.context), [BLOCKED_UNTIL_KEY]: null } as Prisma.InputJsonObject },
          select: { id: true },
        });
      }
    }
    if (block.savedToActivityData) {
      const contact = await tx.contact.findFirst({
        where: { id: block.contactId, tenantId },
        select: { activityData: true },
      });
      const activity = asObject(contact?.activityData);
      const savedUntil =
        typeof activity[ACTIVITY_KEYS.blockedUntil] === "string"
          ? new Date(activity[ACTIVITY_KEYS.blockedUntil] as string)
          : null;
      // Flows compare LiveChatBlockedUntil with the time: an unblock ends it now; reason, at and by stay as history.
      if (savedUntil && savedUntil > now) {
        await tx.contact.update({
          where: { id: block.contactId, tenantId },
          data: {
            activityData: { ...activity, [ACTIVITY_KEYS.blockedUntil]: now.toISOString() } as Prisma.InputJsonObject,
          },
          select: { id: true },
        });
      }
    }
    // Authenticated users' blocks belong to no conversation: the line goes in their latest one.
    const conversationId =
      block.conversationId ??
      (
        await tx.conversation.findFirst({
          where: { tenantId, contactId: block.contactId },
          orderBy: { lastMessageAt: "desc" },
          select: { id: true },
        })
      )?.id;
    const details = {
      blockId: block.id,
      blockedUntil: block.blockedUntil.toISOString(),
      via,
      authenticated: block.authenticated,
    };
    if (conversationId) {
      const line = await recordTimelineEvent(
        tx,
        { tenantId, conversationId, actor, createdAt: now },
        timelineEntry("live_chat_unblocked", details),
      );
      const summary = await readConversationSummary(tx, tenantId, conversationId);
      const { context } = await tx.conversation.findFirstOrThrow({
        where: { id: conversationId, tenantId },
        select: { context: true },
      });
      outcome.touched.push({ conversation: summary, previous: listFactsOf(summary), line, context: asObject(context) });
    }
    await recordAudit(tx, actor, {
      action: "live_chat.unblocked",
      targetType: "live_chat_block",
      targetId: block.id,
      data: { ...details, contactId: block.contactId, conversationId: block.conversationId },
    });
    if (!contactIds.includes(block.contactId)) contactIds.push(block.contactId);
  }
  for (const contactId of contactIds)
    outcome.contacts.push({ contactId, liveChat: await readLiveChatCardChange(tx, tenantId, contactId, now) });
  return outcome;
}

/**
 * What lifting blocks changed: the conversations that gained a line (with it and their context) and the
 * contacts' cards (their live-chat state) — carried, so the views showing them need no read.
 */
export function liftEvents(tenantId: string, outcome: LiftOutcome): DomainEvent[] {
  return [
    ...outcome.touched.map(({ conversation, previous, line, context }) =>
      domainEvent("conversation.changed", { tenantId, conversation, previous, timeline: [line], context }),
    ),
    ...outcome.contacts.map(({ contactId, liveChat }) =>
      domainEvent("contact.updated", { tenantId, contactId, matchedCampaignsBefore: null, liveChat }),
    ),
  ];
}

/** POST /api/v1/live-chat-blocks/:id/unblock, and Unblock on the Live Chat Blacklist page. */
export async function unblockLiveChatBlock({
  db,
  actor,
  blockId,
  now = new Date(),
}: UseCaseContext & {
  blockId: string;
}): Promise<LiveChatBlockView> {
  authorize(actor, "liveChat.unblock", { tenantId: actor.tenantId });
  const outcome = await db.$transaction(async (tx) => {
    const found = await tx.liveChatBlock.findFirst({
      where: { id: String(blockId), tenantId: actor.tenantId },
      select: { contactId: true, conversationId: true },
    });
    if (!found) throw new NotFound("live-chat block");
    if (found.conversationId) await lockConversation(tx, actor.tenantId, found.conversationId);
    else await lockContact(tx, actor.tenantId, found.contactId);
    const block = await tx.liveChatBlock.findFirstOrThrow({
      where: { id: String(blockId), tenantId: actor.tenantId },
      select: liveChatBlockSelect,
    });
    const status = blockStatus(block, now);
    if (status !== "active") {
      throw new Conflict(
        "block_not_active",
        status === "lifted" ? "This block has already been lifted." : "This block has already expired.",
        { status },
      );
    }
    return liftBlocks(tx, actor, [block], viaOf(actor), now);
  });
  await dispatchEvents(db, liftEvents(actor.tenantId, outcome));
  const row = await db.liveChatBlock.findFirstOrThrow({
    where: { id: String(blockId), tenantId: actor.tenantId },
    select: liveChatBlockSelect,
  });
  return (await toBlockViews(db, actor.tenantId, [row], now))[0]!;
}

/** The user card's "Unblock user" then Save: lifts every active Live Chat Blacklist block of the contact. */
export async function unblockLiveChatUser({
  db,
  actor,
  contactId,
  now = new Date(),
}: UseCaseContext & {
  contactId: string;
}): Promise<LiveChatBlockView[]> {
  authorize(actor, "liveChat.unblock", { tenantId: actor.tenantId });
  const outcome = await db.$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { id: String(contactId), tenantId: actor.tenantId },
      select: { id: true },
    });
    if (!contact) throw new NotFound("contact");
    await lockContact(tx, actor.tenantId, contact.id);
    const blocks = await tx.liveChatBlock.findMany({
      where: {
        tenantId: actor.tenantId,
        contactId: contact.id,
        conversationId: null,
        unblockedAt: null,
        blockedUntil: { gt: now },
      },
      select: liveChatBlockSelect,
    });
    if (!blocks.length) throw new Conflict("not_blocked", "This user is not blocked from live chat.");
    const lifted = await liftBlocks(tx, actor, blocks, viaOf(actor), now);
    return { lifted, ids: blocks.map((b) => b.id) };
  });
  await dispatchEvents(db, liftEvents(actor.tenantId, outcome.lifted));
  const rows = await db.liveChatBlock.findMany({
    where: { tenantId: actor.tenantId, id: { in: outcome.ids } },
    select: liveChatBlockSelect,
  });
  return toBlockViews(db, actor.tenantId, rows, now);
}
