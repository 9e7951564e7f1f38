// A channel delivers a message from a user. Five steps, in this order:
//   parse  — validate the payload, normalize the sender's identifier (parseIncomingMessage)
//            (a sender past their normal rate is stored in the cheap lane here and skips the rest,
//            or answered 429 past the hard cap: lib/admission/sender-flood.ts, ./cheap-lane.ts)
//   admit  — the admission gate decides, from memory, whether it reaches agents (banned senders' do not)
//   score  — the tenant's classifier scores it, before it is stored (lib/spam-detection): likely spam
//            is held in Suspected by the same write that stores it
//   store  — always, whoever sends it: contact, conversation, message and the record of its spam
//            strings in one database call, grouped with the messages that arrive with it (./store-incoming-message.ts)
//   emit   — after the commit, message.received (and contact.created) go to the listeners of
//            lib/events/listeners.ts: realtime, notifications, spam rules, campaigns.
import "server-only";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { InvalidInput } from "@/lib/errors";
import { defineUseCase } from "@/lib/use-case";
import { normalizeIdentifier } from "@/lib/channels/identifiers";
import { admitIncomingMessage, type AdmissionDecision } from "@/lib/admission";
import { admissionCache } from "@/lib/admission/admission-cache";
import { chooseSenderLane, inSenderTurn } from "@/lib/admission/sender-flood";
import { storeInCheapLane } from "./cheap-lane";
import { storeIncomingMessage, type StoredIncomingMessage } from "./store-incoming-message";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent, type DomainEvent, type DomainEventMap } from "@/lib/events/event-map";
import { incomingMessageSchema, type IncomingMessageInput } from "./incoming-message-schema";
import { ruleScoreOf, scoreIncomingMessage } from "@/lib/spam-detection/score-incoming-message";
import type { SpamDetectionModeName } from "@/lib/spam-detection/settings-schema";
import { toMessagePayload } from "./message-payload";
import { messageSpamStrings } from "@/lib/spam-manager/conventions";

export interface ReceiveIncomingMessageOptions {
  db: Db;
  actor: Actor;
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
  /** Whether the tenant has an active ongoing campaign (a new contact's campaigns job is queued only then). */
  ongoingCampaigns: boolean;
}

export const receiveIncomingMessage = defineUseCase({
  inputName: "message",
  input: incomingMessageSchema,
  // An incoming message is never lost: NUL characters (which PostgreSQL cannot store) are removed, not refused.
  parse: { nul: "strip" },
  authorize: ({ actor }: ReceiveIncomingMessageOptions) =>
    authorize(actor, "messages.ingest", { tenantId: actor.tenantId }),
  run: ({ db, actor, now = new Date() }, message) => receive(db, actor, message, now),
});

async function receive(
  db: Db,
  actor: Actor,
  message: IncomingMessageInput,
  now: Date,
): Promise<ReceiveIncomingMessageResult> {
  const parsed = await parseIncomingMessage(actor, message);
  // Flood control: 429 past the sender's hard cap; a banned or flooding sender's message is stored in
  // the cheap lane, one database call and no realtime.
  const sender = { tenantId: parsed.tenantId, channel: parsed.input.channel, identifier: parsed.identifier };
  const lane = await chooseSenderLane(sender, now);
  const cheap = lane.cheap ? await storeInCheapLane(db, sender, lane, parsed.input, parsed.region, now) : null;
  if (cheap) return cheap;

  const decision = await admitIncomingMessage(db, sender, now);
  const scores = await scoreIncomingMessage(db, {
    tenantId: parsed.tenantId,
    settings: parsed.detection,
    region: parsed.region,
    text: parsed.input.text,
  });
  // Extracted once: for the score when detection is on, and recorded with the message for the Spam Manager.
  const spamStrings = scores?.spamStrings ?? messageSpamStrings(parsed.input.text, parsed.region);
  // One sender's burst waits its turn without holding connections (inSenderTurn, lib/admission/sender-flood.ts).
  const stored = await inSenderTurn(sender, () =>
    storeIncomingMessage(db, {
      tenantId: parsed.tenantId,
      input: parsed.input,
      identifier: parsed.identifier,
      decision,
      scores,
      spamStrings,
      now,
    }),
  );
  await dispatchEvents(db, eventsOf(parsed, decision, stored, spamStrings));
  return {
    messageId: stored.message.id,
    conversationId: stored.summary.id,
    contactId: stored.contactId,
    ...decision,
  };
}

/**
 * Step 1, parse (the payload itself is parsed at the edge, receiveIncomingMessage.fromUntrusted): the sender's
 * identifier.
 */
async function parseIncomingMessage(actor: Actor, message: IncomingMessageInput): Promise<ParsedIncomingMessage> {
  // From memory (lib/admission/admission-cache.ts): no database round trip once the tenant is known.
  const tenant = await (await admissionCache()).tenantSettings(actor.tenantId);
  const identifier = normalizeIdentifier(message.channel, message.from, tenant.defaultPhoneRegion);
  if (!identifier.ok) {
    throw new InvalidInput(`Invalid message: from: ${identifier.message}`, {
      fields: [{ field: "from", message: identifier.message }],
    });
  }
  const { defaultPhoneRegion: region, ongoingCampaigns, ...detection } = tenant;
  return {
    tenantId: actor.tenantId,
    input: message,
    identifier: identifier.value,
    region,
    detection,
    ongoingCampaigns,
  };
}

/** Step 5, what the listeners hear: the message as scored (its score placed it, and may start a rule). */
function eventsOf(
  parsed: ParsedIncomingMessage,
  decision: AdmissionDecision,
  stored: StoredIncomingMessage,
  spamStrings: NonNullable<DomainEventMap["message.received"]["spamStrings"]>,
): DomainEvent[] {
  const { tenantId } = parsed;
  const ruleScore = ruleScoreOf(stored.message.spamScore, stored.ruleMinScore);
  const events: DomainEvent[] = [
    domainEvent("message.received", {
      tenantId,
      admitted: decision.admitted,
      conversation: stored.summary,
      previous: stored.previous,
      message: toMessagePayload(stored.message),
      timeline: stored.timeline,
      contactId: stored.contactId,
      channel: parsed.input.channel,
      region: parsed.region,
      ...(ruleScore !== undefined ? { spamScore: ruleScore } : {}),
      spamStrings,
      ...(stored.spamStringsRecorded ? { spamStringsRecorded: stored.spamStringsRecorded } : {}),
    }),
  ];
  if (stored.contactCreated)
    events.push(
      domainEvent("contact.created", {
        tenantId,
        contactId: stored.contactId,
        ongoingCampaigns: parsed.ongoingCampaigns,
      }),
    );
  return events;
}
