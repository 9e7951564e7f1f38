// A channel delivers a message from a user: find or create the contact and the open conversation,
// ask the admission gate, store the message (always — nothing is lost), and tell the agents.
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
import { inboxBucket } from "@/lib/inbox/bucket";
import { listFactsOf, type ListFacts } from "@/lib/inbox/conversation-summary";
import { readConversationSummary } from "@/lib/inbox/read-conversation-summaries";
import { notifyNewMessage } from "@/lib/notifications/new-message-notification";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { publishConversationChanged, publishMessageCreated } from "@/lib/realtime/publish";
import { isUniqueViolation } from "@/lib/db/errors";
import { conversationStateSelect } from "@/lib/inbox/apply-conversation-change";
import { deliverOngoingCampaigns } from "@/lib/campaigns/ongoing-campaigns";
import { incomingMessageSchema, type IncomingMessageInput } from "./incoming-message-schema";
import { processIncomingSpamStrings } from "@/lib/spam-manager/ingest";
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

export async function receiveIncomingMessage({
  db,
  actor,
  input,
  now,
}: ReceiveIncomingMessageOptions): Promise<ReceiveIncomingMessageResult> {
  // An incoming message is never lost: NUL characters (which PostgreSQL cannot store) are removed, not refused.
  const message = parseInput(incomingMessageSchema, input, "message", { nul: "strip" });
  authorize(actor, "messages.ingest", { tenantId: actor.tenantId });
  const tenant = await (await admissionCache()).tenantSettings(actor.tenantId);
  const identifier = normalizeIdentifier(message.channel, message.from, tenant.defaultPhoneRegion);
  if (!identifier.ok) {
    throw new InvalidInput(`Invalid message: from: ${identifier.message}`, {
      fields: [{ field: "from", message: identifier.message }],
    });
  }

  // Flood control: 429 past the sender's hard cap; a banned or flooding sender's message is stored in
  // the cheap lane, one statement and no realtime (lib/admission/sender-flood.ts, lib/messages/cheap-lane.ts).
  const sender = { tenantId: actor.tenantId, channel: message.channel, identifier: identifier.value };
  const lane = await chooseSenderLane(sender, now ?? new Date());
  const cheap = lane.cheap ? await storeInCheapLane(db, sender, lane, message, tenant.defaultPhoneRegion, now) : null;
  if (cheap) return cheap;

  // A first message from a new sender can race with another from the same sender: the loser of the
  // unique identity insert retries once and finds the winner's contact.
  let outcome: Awaited<ReturnType<typeof storeIncomingMessage>>;
  // One sender's burst waits its turn without holding connections (inSenderTurn, lib/admission/sender-flood.ts).
  try {
    outcome = await inSenderTurn(sender, () => db.$transaction((tx) => storeIncomingMessage(tx, actor.tenantId, message, identifier.value, now)));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    outcome = await inSenderTurn(sender, () => db.$transaction((tx) => storeIncomingMessage(tx, actor.tenantId, message, identifier.value, now)));
  }

  if (!outcome.decision.admitted && outcome.previous && outcome.previous.bucket !== "banned") {
    // It was in someone's list until now: take it out there too.
    publishConversationChanged(actor.tenantId, outcome.summary, outcome.previous);
  }
  if (outcome.decision.admitted) {
    const payload = toMessagePayload(outcome.message);
    publishMessageCreated(actor.tenantId, outcome.summary, outcome.previous, payload);
    notifyNewMessage(
      actor.tenantId,
      { ...listFactsOf(outcome.summary), id: outcome.summary.id, contactName: outcome.summary.contact.name, channelLabel: CHANNEL_INFO[message.channel].label },
      { id: payload.id, preview: outcome.summary.lastMessagePreview, createdAt: payload.createdAt },
    );
  }
  if (outcome.contactCreated) {
    // First contact: ongoing campaigns whose audience a new contact matches reach them now.
    await deliverOngoingCampaigns(db, actor.tenantId, outcome.contactId, new Set());
  }
  // Spam Manager: record the message's spam strings and run the rules — banned senders' too. Never throws.
  await processIncomingSpamStrings(db, {
    tenantId: actor.tenantId,
    messageId: outcome.message.id,
    contactId: outcome.contactId,
    conversationId: outcome.summary.id,
    channel: message.channel,
    text: message.text,
    createdAt: outcome.message.createdAt,
    region: tenant.defaultPhoneRegion,
  });
  return {
    messageId: outcome.message.id,
    conversationId: outcome.summary.id,
    contactId: outcome.contactId,
    ...outcome.decision,
  };
}

async function storeIncomingMessage(
  tx: Tx,
  tenantId: string,
  input: IncomingMessageInput,
  identifier: string,
  now = new Date(),
) {
  const { contactId, created: contactCreated, spamMark } = await findOrCreateContact(tx, tenantId, input, identifier, now);
  const existing = await findConversation(tx, tenantId, contactId, input);
  const decision = await admitIncomingMessage(tx, { tenantId, channel: input.channel, identifier, contactId }, now);

  // A banned sender's conversation is kept (nothing is lost) but in no agent list; once the ban is
  // lifted, their next message brings it back where its status and the contact's spam mark say.
  const status = existing && existing.status !== "resolved" ? existing.status : "open";
  const bucket = inboxBucket(status, { contactMarkedAsSpam: spamMark !== null, heldByBan: !decision.admitted });
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
    await tx.conversationEvent.create({
      data: { tenantId, conversationId: conversation.id, type: "reopened_by_contact", createdAt: now },
    });
  }
  return { decision, message, summary: await readConversationSummary(tx, conversation.id), previous, contactId, contactCreated };
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
