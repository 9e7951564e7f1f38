// "Connect to a helpdesk agent": the widget's "Talk to an agent" and chatbot flows
// (POST /api/v1/livechat/connect). The admission gate decides (ban, live-chat block, working hours);
// admitted conversations join the waiting queue (Unassigned, with their position), refusals are
// recorded with a timeline line (repeats counted on it) and an audit entry. Messages are never affected:
// ingest stores them.
import "server-only";
import { timelineEntry, type TimelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { visibleConversationsWhere } from "@/lib/policy";
import { NotFound } from "@/lib/errors";
import { recordAudit, recordSystemAudit } from "@/lib/audit";
import { admitLiveChatRequest } from "@/lib/admission";
import { inboxBucket, isHeldByBan, isSuspected } from "@/lib/conversations/bucket";
import { lockConversation } from "@/lib/conversations/lock-visible-conversation";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import { connectRequestSchema } from "./block-schemas";
import { noteExpiredBlocks } from "./expiry";
import { recordRefusalLine } from "./refusal-line";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export type ConnectAnswer =
  | { connected: true; state: "Queued"; position: number }
  /** Already with an agent (open and assigned): nothing changes. */
  | { connected: true; state: "Assigned"; assignee: { id: string; name: string } }
  | { connected: false; state: "IsBanned" }
  | { connected: false; state: "IsBlockedForLiveChat"; blockedUntil: string }
  | { connected: false; state: "IsOutsideWorkingHours" };

/** Who asked: an API caller (flow, or an agent through the API) or the widget's visitor. */
export type ConnectRequester = { kind: "actor"; actor: Actor } | { kind: "visitor" };

/** 1 + the tenant's waiting conversations queued earlier (queuedAt, then id for ties). */
export async function queuePosition(
  db: DbOrTx,
  tenantId: string,
  conversation: { id: string; queuedAt: Date | null },
): Promise<number> {
  if (!conversation.queuedAt) return 1;
  const earlier = await db.conversation.count({
    where: {
      tenantId,
      status: "waiting",
      bucket: "active",
      OR: [
        { queuedAt: { lt: conversation.queuedAt } },
        { queuedAt: conversation.queuedAt, id: { lt: conversation.id } },
      ],
    },
  });
  return earlier + 1;
}

/** POST /api/v1/livechat/connect: the conversation must be visible to the caller (else 404). */
export const connectToLiveChat = defineUseCase({
  inputName: "connect request",
  input: connectRequestSchema,
  // Who may connect a chat is who sees it: run looks the conversation up among the visible ones.
  run: async ({ db, actor, now = new Date() }: UseCaseContext, { conversationId }): Promise<ConnectAnswer> => {
    const visible = await db.conversation.findFirst({
      where: { AND: [{ id: conversationId }, visibleConversationsWhere(actor)] },
      select: { id: true },
    });
    if (!visible) throw new NotFound("conversation");
    return connectConversation(
      db,
      { tenantId: actor.tenantId, conversationId, requester: { kind: "actor", actor } },
      now,
    );
  },
});

/** The rule itself, once the caller is known to be allowed to ask for this conversation. */
export async function connectConversation(
  db: Db,
  { tenantId, conversationId, requester }: { tenantId: string; conversationId: string; requester: ConnectRequester },
  now = new Date(),
): Promise<ConnectAnswer> {
  const outcome = await db.$transaction(async (tx) => {
    await lockConversation(tx, tenantId, conversationId);
    const conversation = await tx.conversation.findFirst({
      where: { id: conversationId, tenantId },
      select: {
        id: true,
        channel: true,
        status: true,
        bucket: true,
        assigneeId: true,
        spamMarkedById: true,
        context: true,
        queuedAt: true,
        lastMessageAt: true,
        assignee: { select: { id: true, name: true } },
        contact: { select: { id: true, authenticated: true, spamMarkedAt: true, spamMarkedById: true } },
        tenant: { select: { id: true, timeZone: true, workingHours: true } },
      },
    });
    if (!conversation) throw new NotFound("conversation");
    const identities = await tx.contactIdentity.findMany({
      where: { tenantId, contactId: conversation.contact.id, channel: conversation.channel },
      select: { identifier: true },
    });
    // The lines this attempt writes (expiries it records, its refusal or queueing): its event carries them.
    const lines = await noteExpiredBlocks(
      tx,
      {
        tenantId,
        contactId: conversation.contact.id,
        authenticated: conversation.contact.authenticated,
        conversationId,
      },
      now,
    );
    const decision = await admitLiveChatRequest(
      tx,
      {
        tenant: conversation.tenant,
        conversation,
        contact: conversation.contact,
        identifiers: identities.map((i) => i.identifier),
      },
      now,
    );
    const previous = {
      status: conversation.status,
      bucket: conversation.bucket,
      assigneeId: conversation.assigneeId,
      spamMarkedById: conversation.spamMarkedById,
    };
    const via = requester.kind === "visitor" ? "widget" : "api";
    const actor = requester.kind === "actor" ? requester.actor : null;
    const audit = async (event: TimelineEntry, action: string) => {
      const entry = {
        action,
        targetType: "conversation",
        targetId: conversationId,
        data: { ...event.data, contactId: conversation.contact.id } as Prisma.InputJsonObject,
      };
      if (requester.kind === "actor") await recordAudit(tx, requester.actor, entry);
      else await recordSystemAudit(tx, tenantId, entry);
    };
    const record = async (event: TimelineEntry, action: string) => {
      lines.push(await recordTimelineEvent(tx, { tenantId, conversationId, actor, createdAt: now }, event));
      await audit(event, action);
    };

    // Admitted: a ban's hold on the chat ends here, and it goes where its status and the contact's spam
    // mark say (lib/conversations/bucket.ts). A plain read of the mark: see lib/spam-marking/spam-locks.ts.
    const marked = conversation.contact.spamMarkedAt !== null;
    const admittedListFacts = (status: typeof conversation.status) => ({
      bucket: inboxBucket(status, { contactMarkedAsSpam: marked, suspected: isSuspected(conversation) }),
      spamMarkedById: marked ? conversation.contact.spamMarkedById : null,
    });
    const liftBanHold = async () => {
      if (!isHeldByBan(conversation)) return false;
      await tx.conversation.update({
        where: { id: conversationId, tenantId },
        data: admittedListFacts(conversation.status),
        select: { id: true },
      });
      return true;
    };

    let answer: ConnectAnswer;
    if (!decision.connected) {
      answer =
        decision.state === "IsBlockedForLiveChat"
          ? { connected: false, state: decision.state, blockedUntil: decision.blockedUntil.toISOString() }
          : { connected: false, state: decision.state };
      const refusal = timelineEntry("live_chat_refused", {
        state: decision.state,
        ...(decision.state === "IsBlockedForLiveChat"
          ? { blockedUntil: decision.blockedUntil.toISOString(), blockId: decision.blockId }
          : {}),
        ...(decision.state === "IsBanned" ? { banId: decision.banId } : {}),
        via,
      });
      // Asked again and again, it stays one line that counts the attempts; the audit log has each.
      const target = { tenantId, conversationId, actor, createdAt: now, lastMessageAt: conversation.lastMessageAt };
      lines.push(await recordRefusalLine(tx, target, refusal));
      await audit(refusal, "live_chat.connect_refused");
    } else if (conversation.status === "waiting" || (conversation.status === "open" && conversation.assignee)) {
      // Asking again keeps the place in the queue; a chat already with an agent stays with them.
      const lifted = await liftBanHold();
      answer =
        conversation.status === "open" && conversation.assignee
          ? { connected: true, state: "Assigned", assignee: conversation.assignee }
          : { connected: true, state: "Queued", position: await queuePosition(tx, tenantId, conversation) };
      if (!lifted && !lines.length) return { answer, changed: null };
    } else {
      await tx.conversation.update({
        where: { id: conversationId, tenantId },
        // The queue is Unassigned: a resolved chat asking again waits for whoever picks it next.
        data: { status: "waiting", ...admittedListFacts("waiting"), queuedAt: now, assigneeId: null },
        select: { id: true },
      });
      const position = await queuePosition(tx, tenantId, { id: conversationId, queuedAt: now });
      answer = { connected: true, state: "Queued", position };
      await record(timelineEntry("live_chat_queued", { position, via }), "live_chat.queued");
    }
    const summary = await readConversationSummary(tx, tenantId, conversationId);
    return { answer, changed: { summary, previous, lines } };
  });
  // Every recorded attempt adds a timeline line: agents looking at the chat see it live, from the event.
  if (outcome.changed) {
    await dispatchEvents(db, [
      domainEvent("conversation.changed", {
        tenantId,
        conversation: outcome.changed.summary,
        previous: outcome.changed.previous,
        timeline: outcome.changed.lines,
      }),
    ]);
  }
  return outcome.answer;
}
