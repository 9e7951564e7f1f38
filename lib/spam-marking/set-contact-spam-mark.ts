// Mark a user (contact) as spam, or un-mark them. Marking moves every chat of the contact, old and new,
// to the Spam list, locks them (no assignment, labels or replies), sets the "Marked as Spam" trait, keeps
// them out of campaigns and notifications — and stores their messages as before. Un-marking reverts
// all of it. Chats a ban holds stay out of every list either way (lib/conversations/bucket.ts). One
// transaction per contact, however many conversations it has.
import "server-only";
import { toTimelineEvent, type TimelineEventType } from "@/lib/conversations/timeline-events";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import { actorDisplayName, type Actor } from "@/lib/auth/actor";
import { actingAgentOf } from "@/lib/auth/agents";
import { authorize, visibleContactsWhere } from "@/lib/policy";
import { NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { readCardChange, setSystemTrait } from "@/lib/contacts/update-contact";
import { SYSTEM_TRAITS } from "@/lib/contacts/traits";
import { bucketAfterChange, bucketAfterChangeSql } from "@/lib/conversations/bucket";
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { readConversationSummaries } from "@/lib/conversations/read-conversation-summaries";
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";
import { uuidv7 } from "@/lib/db/ids";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import type { ConversationVisibilityChange } from "@/lib/realtime/rooms";
import { teachFromContact } from "@/lib/spam-detection/learn-from-team";
import type { UseCaseContext } from "@/lib/use-case";

/**
 * How many moved conversations a realtime event carries in full (the rest only as counts). Every
 * connected agent parses the event: at 50 rows it was 25 KB, and parsing it is most of the time until
 * 200 agents have the move (bench figure 3). Most contacts have a few chats; a browser told of more
 * than the event carries refetches the list it shows.
 */
export const SPAM_EVENT_ROWS = 20;

export interface SpamMarkResult {
  changed: boolean;
  /** The contact's id (the same as contactId; every API object carries its id). */
  id: string;
  contactId: string;
  spam: boolean;
  conversationsMoved: number;
  /**
   * The contact's mark after the call: when, and the agent named as marker (null for an API key without a default
   * agent).
   */
  spamMarkedAt: string | null;
  spamMarkedBy: { id: string; name: string } | null;
}

export interface SpamMove {
  previous: ListFacts;
  after: ListFacts;
  count: number;
}

export function markContactAsSpam(options: { db: Db; actor: Actor; contactId: string; now?: Date }) {
  return setContactSpamMark({ ...options, spam: true });
}

export function unmarkContactAsSpam(options: { db: Db; actor: Actor; contactId: string; now?: Date }) {
  return setContactSpamMark({ ...options, spam: false });
}

async function setContactSpamMark({
  db,
  actor,
  contactId,
  spam,
  now = new Date(),
}: UseCaseContext & {
  contactId: string;
  spam: boolean;
}): Promise<SpamMarkResult> {
  authorize(actor, "contacts.markSpam", { tenantId: actor.tenantId });
  // Who the timeline and the mark name: the acting agent, or the API key's default agent (as replies do).
  const marker = await actingAgentOf(db, actor);
  const markerName = marker?.name ?? actorDisplayName(actor);
  const outcome = await db.$transaction(async (tx) => {
    // The contact row lock orders concurrent marks and un-marks, and holds back ingest (which reads the
    // mark with FOR KEY SHARE) and a ban closing the contact's chats until the conversations below agree
    // with the mark.
    await tx.$queryRaw`
      SELECT 1 FROM "Contact" WHERE "id" = ${String(contactId)} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
    const contact = await tx.contact.findFirst({
      where: { AND: [{ id: String(contactId) }, visibleContactsWhere(actor)] },
      select: { id: true, tenantId: true, name: true, spamMarkedAt: true, spamMarkedById: true },
    });
    if (!contact) throw new NotFound("contact");
    const auditEntry = (changed: boolean, moved: number) =>
      recordAudit(tx, actor, {
        action: spam ? "contact.marked_as_spam" : "contact.unmarked_as_spam",
        targetType: "contact",
        targetId: contact.id,
        data: {
          changed,
          conversationsMoved: moved,
          ...(actor.kind === "service" && marker ? { asAgentId: marker.agentId } : {}),
        },
      });
    if (Boolean(contact.spamMarkedAt) === spam) {
      // Idempotent, but still on record: two agents acting at once both show in the log.
      await auditEntry(false, 0);
      return {
        changed: false as const,
        tenantId: contact.tenantId,
        spamMarkedAt: contact.spamMarkedAt,
        spamMarkedById: contact.spamMarkedById,
      };
    }

    const markedById = spam ? (marker?.agentId ?? null) : null;
    await tx.contact.update({
      where: { id: contact.id, tenantId: contact.tenantId },
      data: { spamMarkedAt: spam ? now : null, spamMarkedById: markedById },
    });
    await setSystemTrait(tx, contact.tenantId, contact.id, SYSTEM_TRAITS.markedAsSpam, "boolean", spam);

    // Raw SQL for the per-conversation rows: a contact may have thousands of chats, and Prisma's
    // findMany/createMany spend ~0.4 ms of CPU per row on them (bench figure 3).
    const before = await tx.$queryRaw<ConversationFacts[]>`
      SELECT "id", "status"::text AS "status", "bucket"::text AS "bucket", "assigneeId", "spamMarkedById"
        FROM "Conversation" WHERE "tenantId" = ${contact.tenantId} AND "contactId" = ${contact.id}`;
    const { moves, changes } = await moveConversations(tx, contact, before, spam, markedById, now);
    const at = now.getTime();
    // The timeline entries of every conversation in one statement (timeline-writer.ts writes one at a time).
    const timelineType: TimelineEventType = spam ? "marked_as_spam" : "unmarked_as_spam";
    const lineData = { actorId: marker?.agentId ?? null, actorName: markerName };
    const lineIds = new Map(before.map((c) => [c.id, uuidv7(at)]));
    await tx.$executeRaw`
      INSERT INTO "ConversationEvent" ("id", "tenantId", "conversationId", "type", "actorAgentId", "data", "createdAt")
      SELECT e."id", ${contact.tenantId}, e."conversationId", ${timelineType}, ${marker?.agentId ?? null},
             ${JSON.stringify(lineData)}::jsonb, ${now}
        FROM unnest(${[...lineIds.values()]}::text[], ${[...lineIds.keys()]}::text[]) AS e("id", "conversationId")`;
    await auditEntry(true, before.length);
    const newest = await tx.conversation.findMany({
      where: { tenantId: contact.tenantId, contactId: contact.id },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: SPAM_EVENT_ROWS,
      select: { id: true },
    });
    const conversations = await readConversationSummaries(
      tx,
      contact.tenantId,
      newest.map((c) => c.id),
    );
    // What open views need to follow without a refetch: the line each carried chat gained, and the card.
    const timeline = conversations.map(({ id }) => ({
      conversationId: id,
      line: toTimelineEvent({ id: lineIds.get(id)!, type: timelineType, data: lineData, createdAt: now }),
    }));
    const { seenThrough: _, ...card } = await readCardChange(tx, contact.tenantId, contact.id);
    const mark = spam
      ? { markedAt: now.toISOString(), markedBy: marker ? { id: marker.agentId, name: marker.name } : null }
      : null;
    return {
      timeline,
      card: { ...card, spam: mark },
      changed: true as const,
      tenantId: contact.tenantId,
      spamMarkedAt: spam ? now : null,
      spamMarkedById: markedById,
      moves,
      changes,
      conversations,
      total: before.length,
    };
  });

  if (outcome.changed) {
    // The team's verdict teaches the spam classifier (lib/spam-detection) before the call returns, so the
    // next message scores with it. Never throws.
    await teachFromContact({
      db,
      tenantId: outcome.tenantId,
      contactId: String(contactId),
      source: spam ? "mark_spam" : "unmark_spam",
    });
    await dispatchEvents(db, [
      domainEvent("contact.spam_changed", {
        tenantId: outcome.tenantId,
        change: {
          contactId: String(contactId),
          spam,
          actorName: markerName,
          moves: outcome.moves,
          conversations: outcome.conversations,
          totalConversations: outcome.total,
          timeline: outcome.timeline,
          card: outcome.card,
        },
        visibility: outcome.changes,
      }),
    ]);
  }
  return {
    changed: outcome.changed,
    id: String(contactId),
    contactId: String(contactId),
    spam,
    conversationsMoved: outcome.changed ? outcome.total : 0,
    spamMarkedAt: outcome.spamMarkedAt?.toISOString() ?? null,
    spamMarkedBy: await markedByOf(db, outcome.tenantId, outcome.spamMarkedById, marker),
  };
}

/** The marker as {id, name}: the agent who just marked, or the one on record for an unchanged mark. */
async function markedByOf(
  db: Db,
  tenantId: string,
  agentId: string | null,
  marker: { agentId: string; name: string } | null,
) {
  if (!agentId) return null;
  if (marker?.agentId === agentId) return { id: agentId, name: marker.name };
  const agent = await db.agent.findFirst({ where: { id: agentId, tenantId }, select: { id: true, name: true } });
  return agent ?? null;
}

interface ConversationFacts {
  id: string;
  status: ConversationStatus;
  bucket: InboxBucket;
  assigneeId: string | null;
  spamMarkedById: string | null;
}

/**
 * Moves the conversations in one UPDATE (the bucket rule of lib/conversations/bucket.ts as SQL: a ban's hold
 * stays, the rest follows the mark and the status) and returns how many moved from which facts to which,
 * and each conversation's change (its room's members who may no longer see it leave).
 */
async function moveConversations(
  tx: Tx,
  contact: { id: string; tenantId: string },
  before: ConversationFacts[],
  spam: boolean,
  markedById: string | null,
  now: Date,
): Promise<{ moves: SpamMove[]; changes: ConversationVisibilityChange[] }> {
  await tx.$executeRaw`
    UPDATE "Conversation" SET "bucket" = ${Prisma.raw(bucketAfterChangeSql(spam, true))},
      "spamMarkedById" = ${markedById}, "updatedAt" = ${now}
     WHERE "tenantId" = ${contact.tenantId} AND "contactId" = ${contact.id}`;
  const groups = new Map<string, SpamMove>();
  const changes: ConversationVisibilityChange[] = [];
  for (const conversation of before) {
    const previous: ListFacts = {
      status: conversation.status,
      bucket: conversation.bucket,
      assigneeId: conversation.assigneeId,
      spamMarkedById: conversation.spamMarkedById,
    };
    const after: ListFacts = {
      status: conversation.status,
      bucket: bucketAfterChange(conversation, conversation.status, spam, true),
      assigneeId: conversation.assigneeId,
      spamMarkedById: markedById,
    };
    changes.push({ conversationId: conversation.id, previous, after });
    const key = JSON.stringify([previous, after]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { previous, after, count: 1 });
  }
  return { moves: [...groups.values()], changes };
}
