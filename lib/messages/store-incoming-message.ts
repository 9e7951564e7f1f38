// Ingest's store step: one call of the database function "bouncer_receive_incoming_message" (migration
// 20261204231500_receive_incoming_message) finds or creates the contact and its identity, touches the
// contact, finds, reopens or creates the conversation, inserts the message with its score, updates the
// conversation and writes the reopened_by_contact line; it answers with what the message.received event
// and the API answer need. The same call records the message's spam strings for the Spam Manager (as the
// cheap lane's does): a job for that cost more than the recording itself (the job's add, fetch and
// completion: ~0.7 ms of server and ~1 ms of database CPU a message, bench/results/README.md). Ingest
// wrote the same rows with six to ten statements before (bench figure 1: statements, not the network,
// were its cost). Messages that arrive together are stored together: one round trip, one statement and
// one commit for the group (group commit, below; migration 20261205160000_receive_incoming_messages_in_groups).
// The score's reasons cross the wire once (migration 20261205044500_receive_incoming_message_reasons_once):
// sent once when both ways' reasons are the same, and not sent back — this module has them.
import "server-only";
import { databaseHandleOf, type DatabaseHandle, type Db, type DbOrTx } from "@/lib/db";
import { groupCommit, type GroupCommit } from "@/lib/db/group-commit";
import type { Prisma, Message } from "@/lib/generated/prisma/client";
import { NotFound } from "@/lib/errors";
import { uuidv7 } from "@/lib/db/ids";
import { isUniqueViolation, sqlStateOf } from "@/lib/db/errors";
import type { AdmissionDecision } from "@/lib/admission";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { summaryOf, type SummaryRow } from "@/lib/conversations/read-conversation-summaries";
import { toTimelineEvent, type TimelineEvent } from "@/lib/conversations/timeline-events";
import type { IncomingMessageScores } from "@/lib/spam-detection/score-incoming-message";
import type { IncomingMessageInput } from "./incoming-message-schema";
import { messagePreview } from "./preview";
import type { MessageSpamString } from "@/lib/spam-manager/conventions";
import {
  recordSpamStringsWith,
  type SpamStringInputRow,
  type UpsertedSpamStringIds,
} from "@/lib/spam-manager/record-spam-strings";

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

const DEADLOCK_DETECTED = "40P01";

async function storeRacingTheSender(db: Db, options: StoreIncomingMessageOptions): Promise<StoredIncomingMessage> {
  try {
    return await callReceiveFunction(db, options);
  } catch (error) {
    if (!isUniqueViolation(error) && sqlStateOf(error) !== DEADLOCK_DETECTED) throw error;
    return callReceiveFunction(db, options);
  }
}

/** One message as "bouncer_receive_incoming_messages" takes it (migration 20261205160000). */
interface ReceiveCall {
  tenantId: string;
  channel: IncomingMessageInput["channel"];
  identifier: string;
  contactName: string | null;
  externalId: string | null;
  authenticated: boolean;
  conversationId: string | null;
  body: string;
  preview: string;
  /** ISO-8601 with its offset (a time without one would be read in the session's time zone). */
  now: string;
  heldByBan: boolean;
  newContactId: string;
  newIdentityId: string;
  newConversationId: string;
  messageId: string;
  eventId: string;
  firstMessageScore: number | null;
  /** Null while the score is not: the same as knownContactReasons (sent once). */
  firstMessageReasons: unknown;
  knownContactScore: number | null;
  knownContactReasons: unknown;
  suspectThreshold: number | null;
  spamStrings: SpamStringInputRow[];
}

interface ReceiveAnswer {
  received: ReceivedRow | string;
  hasRules: boolean;
  spamStringIds: UpsertedSpamStringIds;
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
    firstMessageReasons:
      JSON.stringify(firstMessageReasons) === JSON.stringify(knownContactReasons) ? null : firstMessageReasons,
    knownContactScore: scores?.asKnownContact.score ?? null,
    knownContactReasons,
    suspectThreshold: scores?.suspectThreshold ?? null,
  };
  let answer: ReceiveAnswer;
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
  const received: ReceivedRow = typeof answer.received === "string" ? JSON.parse(answer.received) : answer.received;
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

// ---------------------------------------------------------------------------------------------------
// Group commit (lib/db/group-commit.ts): the messages that arrive while the database is busy with earlier
// ones are stored together by one call of "bouncer_receive_incoming_messages" — one round trip and one
// commit for the group; each message in a block of its own, so that one that fails fails alone.

const RECEIVE_GROUP_SQL = `SELECT "bouncer_receive_incoming_messages"($1::jsonb) AS "answers"`;

/**
 * Groups of at most 32 (each stored message's transaction id stays in its backend's cache of 64 below
 * that). PostgreSQL: at most 4 groups at once (bench/results/README.md: measured against 1, 2 and 8);
 * the embedded database runs one statement at a time anyway.
 */
const GROUPS = { postgres: { maxBatch: 32, maxInFlight: 4 }, embedded: { maxBatch: 32, maxInFlight: 1 } } as const;

const groups = new WeakMap<DatabaseHandle, GroupCommit<ReceiveCall, ReceiveAnswer>>();

/** Stores one message, grouped with others when `db` is a database handle's client; alone in a transaction. */
async function receiveInGroup(db: DbOrTx, call: ReceiveCall): Promise<ReceiveAnswer> {
  const handle = databaseHandleOf(db as Db);
  if (!handle) {
    const [row] = await db.$queryRawUnsafe<Array<{ answers: unknown }>>(RECEIVE_GROUP_SQL, JSON.stringify([call]));
    const [outcome] = answersOf(row?.answers, 1);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  }
  let group = groups.get(handle);
  if (!group) {
    group = groupCommit({ ...GROUPS[handle.kind], send: (calls) => sendGroup(handle, calls) });
    groups.set(handle, group);
  }
  return group(call);
}

/**
 * One group's call. The messages go ordered by sender, so that two groups in flight lock the senders'
 * contacts in the same order (each message's strings are sorted; strings across messages may still
 * cross, a deadlock PostgreSQL breaks within a second: that message fails alone and is retried).
 */
async function sendGroup(handle: DatabaseHandle, calls: ReceiveCall[]): Promise<Array<ReceiveAnswer | Error>> {
  const order = calls.map((_, i) => i).sort((a, b) => compareSenders(calls[a]!, calls[b]!));
  const [row] = await handle.rawQuery<{ answers: unknown }>(
    RECEIVE_GROUP_SQL,
    [JSON.stringify(order.map((i) => calls[i]))],
    { prepared: true },
  );
  const answers = answersOf(row?.answers, calls.length);
  const outcomes: Array<ReceiveAnswer | Error> = new Array(calls.length);
  order.forEach((callIndex, position) => {
    outcomes[callIndex] = answers[position]!;
  });
  return outcomes;
}

function compareSenders(a: ReceiveCall, b: ReceiveCall): number {
  const ka = `${a.tenantId}\u0000${a.channel}\u0000${a.identifier}`;
  const kb = `${b.tenantId}\u0000${b.channel}\u0000${b.identifier}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The function's answers, one per message: a stored message's, or the error (with its SQLSTATE) it failed with. */
function answersOf(raw: unknown, count: number): Array<ReceiveAnswer | Error> {
  const answers = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<
    ReceiveAnswer | { error: string; message: string }
  >;
  if (!Array.isArray(answers) || answers.length !== count) {
    throw new Error(`bouncer_receive_incoming_messages answered ${answers?.length ?? 0} of ${count} messages`);
  }
  return answers.map((answer) =>
    "error" in answer ? Object.assign(new Error(answer.message), { code: answer.error }) : answer,
  );
}
