// A channel delivers a message from a user. Five steps, in this order:
//   parse  — validate the payload, normalize the sender's identifier (parseIncomingMessage)
//            (a sender past their normal rate is stored in the cheap lane here and skips the rest,
//            or answered 429 past the hard cap: lib/admission/sender-flood.ts, ./cheap-lane.ts)
//   admit  — the admission gate decides whether it reaches agents (banned senders' do not)
//   store  — always, whoever sends it: contact, conversation and message in one transaction
//   score  — the tenant's classifier scores it; likely spam may be held in Suspected (lib/spam-detection)
//   emit   — after the commit, message.received (and contact.created) go to the listeners of
//            lib/events/listeners.ts: realtime, notifications, spam strings and rules, campaigns.
import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { InvalidInput, NotFound, parseInput } from "@/lib/errors";
import { normalizeIdentifier } from "@/lib/channels/identifiers";
import { admitIncomingMessage, type AdmissionDecision } from "@/lib/admission";
import { admissionCache } from "@/lib/admission/admission-cache";
import { chooseSenderLane, inSenderTurn } from "@/lib/admission/sender-flood";
import { storeInCheapLane } from "./cheap-lane";
import { inboxBucket, isSuspected } from "@/lib/conversations/bucket";
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { isUniqueViolation } from "@/lib/db/errors";
import { conversationStateSelect } from "@/lib/conversations/apply-conversation-change";
import { dispatchEvents } from "@/lib/events/dispatch";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import { domainEvent, type DomainEvent } from "@/lib/events/event-map";
import { incomingMessageSchema, type IncomingMessageInput } from "./incoming-message-schema";
import { scoreIncomingMessage, type ScoredIncomingMessage } from "@/lib/spam-detection/score-incoming-message";
import type { SpamDetectionModeName } from "@/lib/spam-detection/settings-schema";
import { toMessagePayload } from "./message-payload";
import { messagePreview } from "./preview";

export interface ReceiveIncomingMessageOptions {
  db: Db;
  actor: Actor;
  input: unknown;
  now?: Date;
}

export type ReceiveIncomingMessageResult = {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** Set when the sender is past their normal rate: stored in the cheap lane (lib/admission/sender-flood.ts). */
  flooding?: true;
} & AdmissionDecision;

/** A payload that passed the parse step: the message, its sender's normalized identifier, the tenant's region. */
interface ParsedIncomingMessage {
  tenantId: string;
  input: IncomingMessageInput;
  identifier: string;
  region: string;
  /** The tenant's spam-detection setting, for the score step. */
  detection: { spamDetectionMode: SpamDetectionModeName; spamSuspectThreshold: number };
}

export async function receiveIncomingMessage({
  db,
  actor,
  input,
  now = new Date(),
}: ReceiveIncomingMessageOptions): Promise<ReceiveIncomingMessageResult> {
  const parsed = await parseIncomingMessage(actor, input);
  // Flood control: 429 past the sender's hard cap; a banned or flooding sender's message is stored in
  // the cheap lane, one statement and no realtime.
  const sender = { tenantId: parsed.tenantId, channel: parsed.input.channel, identifier: parsed.identifier };
  const lane = await chooseSenderLane(sender, now);
  const cheap = lane.cheap ? await storeInCheapLane(db, sender, lane, parsed.input, parsed.region, now) : null;
  if (cheap) return cheap;

  const stored = await admitAndStore(db, parsed, now);
  const scored = await scoreIncomingMessage(db, {
    tenantId: parsed.tenantId,
    settings: parsed.detection,
    region: parsed.region,
    text: parsed.input.text,
    contactCreated: stored.contactCreated,
    message: stored.message,
    summary: stored.summary,
  });
  await dispatchEvents(db, eventsOf(parsed, stored, scored));
  return {
    messageId: stored.message.id,
    conversationId: stored.summary.id,
    contactId: stored.contactId,
    ...stored.decision,
  };
}

/** Step 1, parse. An incoming message is never lost: NUL characters (which PostgreSQL cannot store) are removed, not refused. */
async function parseIncomingMessage(actor: Actor, input: unknown): Promise<ParsedIncomingMessage> {
  const message = parseInput(incomingMessageSchema, input, "message", { nul: "strip" });
  authorize(actor, "messages.ingest", { tenantId: actor.tenantId });
  // From memory (lib/admission/admission-cache.ts): no database round trip once the tenant is known.
  const tenant = await (await admissionCache()).tenantSettings(actor.tenantId);
  const identifier = normalizeIdentifier(message.channel, message.from, tenant.defaultPhoneRegion);
  if (!identifier.ok) {
    throw new InvalidInput(`Invalid message: from: ${identifier.message}`, {
      fields: [{ field: "from", message: identifier.message }],
    });
  }
  const { defaultPhoneRegion: region, ...detection } = tenant;
  return { tenantId: actor.tenantId, input: message, identifier: identifier.value, region, detection };
}

/**
 * Steps 2 and 3, admit and store, in one transaction. A first message from a new sender can race with
 * another from the same sender: the loser of the unique identity insert retries once and finds the
 * winner's contact.
 */
async function admitAndStore(db: Db, parsed: ParsedIncomingMessage, now: Date) {
  // One sender's burst waits its turn without holding connections (inSenderTurn, lib/admission/sender-flood.ts).
  const sender = { tenantId: parsed.tenantId, channel: parsed.input.channel, identifier: parsed.identifier };
  const store = () => inSenderTurn(sender, () => db.$transaction((tx) => storeIncomingMessage(tx, parsed, now)));
  try {
    return await store();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return store();
  }
}

async function storeIncomingMessage(tx: Tx, parsed: ParsedIncomingMessage, now: Date) {
  const { tenantId, input, identifier } = parsed;
  const { contactId, created: contactCreated, spamMark } = await findOrCreateContact(tx, tenantId, input, identifier, now);
  const existing = await findConversation(tx, tenantId, contactId, input);
  const decision = await admitIncomingMessage(tx, { tenantId, channel: input.channel, identifier, contactId }, now);

  // A banned sender's conversation is kept (nothing is lost) but in no agent list; once the ban is
  // lifted, their next message brings it back where its status and the contact's spam mark say.
  const status = existing && existing.status !== "resolved" ? existing.status : "open";
  const bucket = inboxBucket(status, { contactMarkedAsSpam: spamMark !== null, heldByBan: !decision.admitted, suspected: isSuspected(existing) });
  const conversation =
    existing ??
    (await tx.conversation.create({
      data: {
        tenantId,
        contactId,
        channel: input.channel,
        status,
        bucket,
        spamMarkedById: spamMark?.byId ?? null,
        lastMessageAt: now,
      },
      select: conversationStateSelect,
    }));
  const previous: ListFacts | null = existing
    ? { status: existing.status, bucket: existing.bucket, assigneeId: existing.assigneeId, spamMarkedById: existing.spamMarkedById }
    : null;

  const message = await tx.message.create({
    data: { tenantId, conversationId: conversation.id, direction: "in", body: input.text, createdAt: now },
  });
  const reopen = conversation.status === "resolved";
  await tx.conversation.update({
    where: { id: conversation.id },
    data: {
      lastMessageAt: now,
      lastMessagePreview: messagePreview(input.text),
      ...(reopen ? { status } : {}),
      // The conversation's copy of the marker moves with it (an agent without All access sees in Spam the chats they marked).
      ...(conversation.bucket !== bucket ? { bucket, spamMarkedById: spamMark?.byId ?? null } : {}),
    },
    select: { id: true },
  });
  if (reopen) {
    await recordTimelineEvent(tx, { tenantId, conversationId: conversation.id, actor: null, createdAt: now }, timelineEntry("reopened_by_contact", {}));
  }
  const summary = await readConversationSummary(tx, conversation.id);
  return { decision, message, summary, previous, contactId, contactCreated };
}

type StoredIncomingMessage = Awaited<ReturnType<typeof storeIncomingMessage>>;

/** Step 5, what the listeners hear: the message as scored (its score places it, and may start a rule). */
function eventsOf(parsed: ParsedIncomingMessage, stored: StoredIncomingMessage, scored: ScoredIncomingMessage): DomainEvent[] {
  const { tenantId } = parsed;
  const events: DomainEvent[] = [
    domainEvent("message.received", {
      tenantId,
      admitted: stored.decision.admitted,
      conversation: scored.summary,
      previous: stored.previous,
      message: toMessagePayload(scored.message),
      contactId: stored.contactId,
      channel: parsed.input.channel,
      region: parsed.region,
      ...(scored.ruleScore !== undefined ? { spamScore: scored.ruleScore } : {}),
    }),
  ];
  if (stored.contactCreated) events.push(domainEvent("contact.created", { tenantId, contactId: stored.contactId }));
  return events;
}

/**
 * The sender's contact, created on first contact, touched (lastSeenAt) and read for its spam mark.
 * Ingest runs this for every message, so it is three statements in the common case (the identity with
 * its contact, the touch, and later the message): each statement is a round trip (bench figure 1).
 */
async function findOrCreateContact(
  tx: Tx,
  tenantId: string,
  input: IncomingMessageInput,
  identifier: string,
  now: Date,
): Promise<{ contactId: string; created: boolean; spamMark: { byId: string | null } | null }> {
  const externalId = input.contact?.externalId;
  const authenticated = Boolean(input.contact?.authenticated);
  const [identity] = await tx.$queryRaw<Array<{ contactId: string; externalId: string | null }>>`
    SELECT i."contactId", c."externalId" FROM "ContactIdentity" i JOIN "Contact" c ON c."id" = i."contactId"
     WHERE i."tenantId" = ${tenantId} AND i."channel" = ${input.channel}::"Channel" AND i."identifier" = ${identifier}`;
  const byExternalId =
    externalId && identity?.externalId !== externalId
      ? await tx.contact.findUnique({ where: { tenantId_externalId: { tenantId, externalId } }, select: { id: true } })
      : null;

  const existingId = byExternalId?.id ?? identity?.contactId;
  const contactId =
    existingId ??
    (
      await tx.contact.create({
        data: {
          tenantId,
          name: input.contact?.name ?? identifier,
          externalId: externalId ?? null,
          authenticated,
          createdAt: now,
          lastSeenAt: now,
        },
        select: { id: true },
      })
    ).id;

  if (!identity) {
    await tx.contactIdentity.create({ data: { tenantId, contactId, channel: input.channel, identifier, createdAt: now } });
  }
  // A known anonymous contact that now arrives with an external id becomes that authenticated user.
  const adoptExternalId = Boolean(externalId && !byExternalId && identity && !identity.externalId);
  const becomesAuthenticated = authenticated && Boolean(byExternalId);
  if (adoptExternalId || becomesAuthenticated) {
    await tx.contact.update({
      where: { id: contactId },
      data: { ...(adoptExternalId ? { externalId, authenticated } : {}), ...(becomesAuthenticated ? { authenticated: true } : {}) },
      select: { id: true },
    });
  }
  // The touch locks the contact row: marking holds it FOR UPDATE, so a message arriving during a mark
  // waits for it and then lands in Spam instead of slipping past it.
  const [touched] = await tx.$queryRaw<Array<{ spamMarkedAt: Date | null; spamMarkedById: string | null }>>`
    UPDATE "Contact" SET "lastSeenAt" = ${now} WHERE "id" = ${contactId} RETURNING "spamMarkedAt", "spamMarkedById"`;
  return { contactId, created: !existingId, spamMark: touched?.spamMarkedAt ? { byId: touched.spamMarkedById } : null };
}

async function findConversation(tx: Tx, tenantId: string, contactId: string, input: IncomingMessageInput) {
  const select = conversationStateSelect;
  if (input.conversationId) {
    const conversation = await tx.conversation.findFirst({
      where: { id: input.conversationId, tenantId, contactId },
      select,
    });
    if (!conversation) throw new NotFound("conversation");
    return conversation;
  }
  return tx.conversation.findFirst({
    where: { tenantId, contactId, channel: input.channel, status: { not: "resolved" } },
    orderBy: { lastMessageAt: "desc" },
    select,
  });
}
