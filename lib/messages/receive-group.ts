// Group commit for ingest (lib/db/group-commit.ts): the messages that arrive while the database is busy
// with earlier ones are stored together by one call of "bouncer_receive_incoming_messages" — one round
// trip, one statement and one commit for the group (migration 20261205160000_receive_incoming_messages_in_groups).
// Both lanes go in the same groups: the normal one (./store-incoming-message.ts) and the cheap one of
// banned and flooding senders (./cheap-lane.ts), so that a banned sender's message never costs its own
// round trip and commit while a customer's shares them. Each message is stored in a block of its own:
// one that fails (a conversation that is not its sender's, a first-message race lost to another instance,
// a deadlock) rolls back alone and is answered alone; the others commit.
import "server-only";
import { databaseHandleOf, type DatabaseHandle, type Db, type DbOrTx } from "@/lib/db";
import { groupCommit, type GroupCommit } from "@/lib/db/group-commit";
import type { SpamStringInputRow, UpsertedSpamStringIds } from "@/lib/spam-manager/record-spam-strings";
import type { IncomingMessageInput } from "./incoming-message-schema";

interface SenderCall {
  tenantId: string;
  channel: IncomingMessageInput["channel"];
  /** The sender's normalized identifier on the channel. */
  identifier: string;
  messageId: string;
  body: string;
  /** ISO-8601 with its offset (a time without one would be read in the session's time zone). */
  now: string;
  /** As "bouncer_record_spam_strings" takes them (lib/spam-manager/record-spam-strings.ts); empty: none. */
  spamStrings: SpamStringInputRow[];
}

/** A message for "bouncer_receive_incoming_message": its arguments by name. */
export interface ReceiveCall extends SenderCall {
  lane: "normal";
  contactName: string | null;
  externalId: string | null;
  authenticated: boolean;
  conversationId: string | null;
  preview: string;
  heldByBan: boolean;
  newContactId: string;
  newIdentityId: string;
  newConversationId: string;
  eventId: string;
  firstMessageScore: number | null;
  /** Null while the score is not: the same as knownContactReasons (sent once). */
  firstMessageReasons: unknown;
  knownContactScore: number | null;
  knownContactReasons: unknown;
  suspectThreshold: number | null;
}

/** A message for "bouncer_store_in_cheap_lane": into the sender's current chat, held by a ban or not. */
export interface CheapLaneCall extends SenderCall {
  lane: "cheap";
  /** The chat the payload names, if any (it must be the sender's). */
  conversationId: string | null;
  banned: boolean;
}

interface RecordedStrings {
  /** Whether the tenant has enabled Spam Manager rules (false when the message had no strings). */
  hasRules: boolean;
  spamStringIds: UpsertedSpamStringIds;
}

/** A stored message's answer from "bouncer_receive_incoming_message" (./store-incoming-message.ts reads it). */
export interface ReceivedAnswer extends RecordedStrings {
  received: unknown;
}

/** Null "stored": the sender had no chat that fits the lane; nothing was stored. */
export interface CheapLaneAnswer extends RecordedStrings {
  stored: { conversationId: string; contactId: string } | null;
}

type Call = ReceiveCall | CheapLaneCall;
type Answer = ReceivedAnswer | CheapLaneAnswer;

const RECEIVE_GROUP_SQL = `SELECT "bouncer_receive_incoming_messages"($1::jsonb) AS "answers"`;

/**
 * Groups of at most 32 (each stored message's transaction id stays in its backend's cache of 64 below
 * that). PostgreSQL: at most 4 groups at once (2 and 8 measured no better, bench/results/README.md); the
 * embedded database runs one statement at a time anyway.
 */
const GROUPS = { postgres: { maxBatch: 32, maxInFlight: 4 }, embedded: { maxBatch: 32, maxInFlight: 1 } } as const;

const groups = new WeakMap<DatabaseHandle, GroupCommit<Call, Answer>>();

/** Stores one message, grouped with others when `db` is a database handle's client; alone in a transaction. */
export function receiveInGroup(db: DbOrTx, call: ReceiveCall): Promise<ReceivedAnswer>;
export function receiveInGroup(db: DbOrTx, call: CheapLaneCall): Promise<CheapLaneAnswer>;
export async function receiveInGroup(db: DbOrTx, call: Call): Promise<Answer> {
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
 * One group's call. The messages go ordered by sender (a sender's own keep their order), so that two
 * groups in flight lock the senders' contacts in the same order; strings of different messages may still
 * cross, a deadlock PostgreSQL breaks within a second: that message fails alone and is retried.
 */
async function sendGroup(handle: DatabaseHandle, calls: Call[]): Promise<Array<Answer | Error>> {
  const order = calls.map((_, i) => i).sort((a, b) => compareSenders(calls[a]!, calls[b]!));
  const [row] = await handle.rawQuery<{ answers: unknown }>(
    RECEIVE_GROUP_SQL,
    [JSON.stringify(order.map((i) => calls[i]))],
    { prepared: true },
  );
  const answers = answersOf(row?.answers, calls.length);
  const outcomes: Array<Answer | Error> = new Array(calls.length);
  order.forEach((callIndex, position) => {
    outcomes[callIndex] = answers[position]!;
  });
  return outcomes;
}

function compareSenders(a: Call, b: Call): number {
  const ka = `${a.tenantId}\u0000${a.channel}\u0000${a.identifier}`;
  const kb = `${b.tenantId}\u0000${b.channel}\u0000${b.identifier}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The function's answers, one per message: its own, or the error (with its SQLSTATE) it failed with. */
function answersOf(raw: unknown, count: number): Array<Answer | Error> {
  const answers = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<
    Answer | { error: string; message: string }
  >;
  if (!Array.isArray(answers) || answers.length !== count) {
    throw new Error(`bouncer_receive_incoming_messages answered ${answers?.length ?? 0} of ${count} messages`);
  }
  return answers.map((answer) =>
    "error" in answer ? Object.assign(new Error(answer.message), { code: answer.error }) : answer,
  );
}
