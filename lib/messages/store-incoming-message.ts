// Ingest's store step: one call of the database function "bouncer_receive_incoming_message" (migration
// 20261204231500_receive_incoming_message) finds or creates the contact and its identity, touches the
// contact, finds, reopens or creates the conversation, inserts the message with its score, updates the
// conversation and writes the reopened_by_contact line; it answers with what the message.received event
// and the API answer need. The same call records the message's spam strings for the Spam Manager (as the
// cheap lane's does): a job for that cost more than the recording itself (the job's add, fetch and
// completion: ~0.7 ms of server and ~1 ms of database CPU a message, bench/results/README.md). Ingest
// wrote the same rows with six to ten statements before (bench figure 1: statements, not the network,
// were its cost). Messages that arrive together are stored together: one round trip, one statement and
// one commit for the group (./receive-group.ts).
// The score's reasons cross the wire once (migration 20261205044500_receive_incoming_message_reasons_once):
// sent once when both ways' reasons are the same, and not sent back — this module has them.
import "server-only";
import { databaseHandleOf, type Db } from "@/lib/db";
import type { Prisma, Message } from "@/lib/generated/prisma/client";
import { NotFound } from "@/lib/errors";
import { uuidv7 } from "@/lib/db/ids";
import { isDeadlock, isUniqueViolation, sqlStateOf } from "@/lib/db/errors";
import type { AdmissionDecision } from "@/lib/admission";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { summaryOf, type SummaryRow } from "@/lib/conversations/read-conversation-summaries";
import { toTimelineEvent, type TimelineEvent } from "@/lib/conversations/timeline-events";
import type { IncomingMessageScore, IncomingMessageScores } from "@/lib/spam-detection/score-incoming-message";
import type { IncomingMessageInput } from "./incoming-message-schema";
import { messagePreview } from "./preview";
import type { MessageSpamString } from "@/lib/spam-manager/conventions";
import { recordSpamStringsWith } from "@/lib/spam-manager/record-spam-strings";
import { receiveInGroup, type ReceiveCall, type ReceivedAnswer } from "./receive-group";

export interface StoreIncomingMessageOptions {
  tenantId: string;
  input: IncomingMessageInput;
  /** The sender's normalized identifier on input.channel. */
  identifier: string;
  decision: AdmissionDecision;
  /** Null when detection is off (or scoring failed): the message is stored unscored. */
  scores: IncomingMessageScores | null;
  /** The text's spam strings, recorded for the Spam Manager by the same statement. */
  spamStrings: readonly MessageSpamString[];
  now: Date;
}

export interface StoredIncomingMessage {
  message: Message;
  summary: ConversationSummary;
  /** The conversation's list facts before this message (null: it created the conversation). */
  previous: ListFacts | null;
  contactId: string;
  contactCreated: boolean;
  /** The lowest X of the tenant's enabled "score ≥ X" rules, read when the message was scored. */
  ruleMinScore: number | null;
  /** The line the message wrote: "Reopened by the contact" when it reopened a resolved chat. */
  timeline: TimelineEvent[];
  /**
   * Set when the statement recorded the message's spam strings (it did, unless recording them failed: then
   * the message is stored without, and the Spam Manager's job records them): whether the tenant has enabled
   * rules, which then run on them in that job.
   */
  spamStringsRecorded: { tenantHasRules: boolean } | null;
}

interface ReceivedRow {
  contactId: string;
  contactCreated: boolean;
  summary: SummaryRow;
  previous: ListFacts | null;
  spamScore: number | null;
  /** The conversation's reasons are the message's: the summary leaves them out (null). */
  spamReasonsAreTheMessages: boolean;
  ruleMinScore: number | null;
}

/**
 * Stores the message. A first message from a new sender can race with another from the same sender:
 * the loser of the unique identity insert retries once and finds the winner's contact (so does a message
 * that lost a deadlock between two groups, below). The message is
 * kept whatever happens to the record of its spam strings (logged; the Spam Manager's job records them).
 */
export async function storeIncomingMessage(
  db: Db,
  options: StoreIncomingMessageOptions,
): Promise<StoredIncomingMessage> {
  try {
    return await storeRacingTheSender(db, options);
  } catch (error) {
    if (!options.spamStrings.length || error instanceof NotFound || isUniqueViolation(error)) throw error;
    console.error("[ingest] could not record a message's spam strings with it; stored without them:", error);
    return storeRacingTheSender(db, { ...options, spamStrings: [] });
  }
}

type Reasons = IncomingMessageScore["reasons"];

/** Whether both ways' reasons are the same (they are then sent once). */
function sameReasons(a: Reasons | null, b: Reasons | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((r, i) => r.kind === b[i]!.kind && r.text === b[i]!.text && r.weight === b[i]!.weight);
}

async function storeRacingTheSender(db: Db, options: StoreIncomingMessageOptions): Promise<StoredIncomingMessage> {
  try {
    return await callReceiveFunction(db, options);
  } catch (error) {
    if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    return callReceiveFunction(db, options);
  }
}

async function callReceiveFunction(
  db: Db,
  { tenantId, input, identifier, decision, scores, spamStrings, now }: StoreIncomingMessageOptions,
): Promise<StoredIncomingMessage> {
  const at = now.getTime();
  const messageId = uuidv7(at);
  const reopenedEventId = uuidv7(at);
  const knownContactReasons = scores ? scores.asKnownContact.reasons : null;
  const firstMessageReasons = scores ? scores.asFirstMessage.reasons : null;
  const call: Omit<ReceiveCall, "spamStrings"> = {
    lane: "normal",
    tenantId,
    channel: input.channel,
    identifier,
    contactName: input.contact?.name ?? null,
    externalId: input.contact?.externalId ?? null,
    authenticated: Boolean(input.contact?.authenticated),
    conversationId: input.conversationId ?? null,
    body: input.text,
    preview: messagePreview(input.text),
    now: now.toISOString(),
    heldByBan: !decision.admitted,
    newContactId: uuidv7(at),
    newIdentityId: uuidv7(at),
    newConversationId: uuidv7(at),
    messageId,
    eventId: reopenedEventId,
    firstMessageScore: scores?.asFirstMessage.score ?? null,
    firstMessageReasons: sameReasons(firstMessageReasons, knownContactReasons) ? null : firstMessageReasons,
    knownContactScore: scores?.asKnownContact.score ?? null,
    knownContactReasons,
    suspectThreshold: scores?.suspectThreshold ?? null,
  };
  let answer: ReceivedAnswer;
  try {
    // The spam strings are recorded by the same call, for the message it stored
    // (lib/spam-manager/record-spam-strings.ts).
    answer = await recordSpamStringsWith(
      { tenantId, createdAt: now, strings: spamStrings, withKnownIds: Boolean(databaseHandleOf(db)) },
      (rows) => receiveInGroup(db, { ...call, spamStrings: rows }),
      (sent) => sent.spamStringIds,
    );
  } catch (error) {
    // The function raises no_data_found when the payload names a conversation that is not the sender's.
    if (sqlStateOf(error) === "P0002") throw new NotFound("conversation");
    throw error;
  }
  const received = (typeof answer.received === "string" ? JSON.parse(answer.received) : answer.received) as ReceivedRow;
  // The reasons of the score that applied (the write chose it: a new contact's first message, or not).
  const reasons = scores ? (received.contactCreated ? scores.asFirstMessage : scores.asKnownContact).reasons : null;
  const summary = summaryOf(received.summary);
  if (received.spamReasonsAreTheMessages) summary.spamReasons = reasons ?? [];
  const message: Message = {
    id: messageId,
    tenantId,
    conversationId: summary.id,
    direction: "in",
    body: input.text,
    authorAgentId: null,
    spamScore: received.spamScore,
    spamReasons: reasons as Prisma.JsonValue,
    createdAt: now,
  };
  return {
    message,
    summary,
    previous: received.previous,
    contactId: received.contactId,
    contactCreated: received.contactCreated,
    ruleMinScore: received.ruleMinScore,
    // The function writes this line, with this id, exactly when the chat it continued was resolved.
    timeline:
      received.previous?.status === "resolved"
        ? [toTimelineEvent({ id: reopenedEventId, type: "reopened_by_contact", data: {}, createdAt: now })]
        : [],
    spamStringsRecorded: spamStrings.length ? { tenantHasRules: Boolean(answer.hasRules) } : null,
  };
}
