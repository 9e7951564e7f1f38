// Ingest's half of the Spam Manager: the spam strings of an incoming message, stored as SpamString
// rows (one per tenant, kind and normalized value) and one occurrence per (string, message), which keeps
// how the message wrote the string and whether that was a disguise (raw, obfuscated). It runs
// for every incoming message, so a message without strings costs no database work at all and one with
// strings costs one statement, whatever their number (rules, when the tenant has any, cost more).
import "server-only";
import { databaseHandleOf, sendHotStatement, type Db, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/channels/channels";
import { messageSpamStrings, type MessageSpamString } from "./conventions";
import { uuidv7 } from "@/lib/db/ids";
import { sqlStateOf } from "@/lib/db/errors";
import {
  forgetSpamStringIds,
  knownSpamStringId,
  noteSpamStringSighting,
  rememberSpamStringIds,
} from "./known-spam-strings";

export type { MessageSpamString };

export interface IncomingMessageFacts {
  tenantId: string;
  messageId: string;
  contactId: string;
  conversationId: string;
  channel: ChannelName;
  createdAt: Date;
}

export interface RecordSpamStringsOptions extends IncomingMessageFacts {
  text: string;
  /** The tenant's default phone region, for numbers written without a country code. */
  region: string;
  /** The text's strings when ingest extracted them already (message.received's spamStrings). */
  strings?: MessageSpamString[];
}

export interface RecordedSpamStrings {
  strings: MessageSpamString[];
  /** Whether the tenant has enabled rules (read in the same statement), so that messages of tenants
   * without rules skip the rules look-up altogether. False when there were no strings. */
  tenantHasRules: boolean;
}

/**
 * Stores the message's spam strings (extracted here unless the caller has them) and returns them (none,
 * with no database work, when the text has none). One statement: upsert the strings this instance does not
 * know yet (lastSeenAt moves forward only), insert the occurrences — unique per (string, message), so
 * recording a message twice changes nothing — and say whether the tenant has enabled rules.
 */
export async function recordSpamStrings(db: DbOrTx, options: RecordSpamStringsOptions): Promise<RecordedSpamStrings> {
  const strings = options.strings ?? messageSpamStrings(options.text, options.region);
  if (strings.length === 0) return { strings, tenantHasRules: false };
  const tenantHasRules = await storeSpamStrings(db, options, strings);
  return { strings, tenantHasRules };
}

async function storeSpamStrings(
  db: DbOrTx,
  facts: IncomingMessageFacts,
  strings: MessageSpamString[],
): Promise<boolean> {
  const [row] = await sendRecordingSpamStrings<{ hasRules: boolean }>(
    db,
    facts,
    strings,
    (recording) => Prisma.sql`
    WITH recorded_message AS (
      SELECT ${facts.messageId}::text AS "messageId", ${facts.contactId}::text AS "contactId",
             ${facts.conversationId}::text AS "conversationId"
    )
    ${recording.ctes}
    SELECT ${tenantHasRulesSql(facts.tenantId)} AS "hasRules", ${recording.idsColumn}`,
  );
  return Boolean(row?.hasRules);
}

/** The spam strings part of a statement that records a message's strings (spamStringsRecording). */
export interface SpamStringsRecording {
  /** The CTE that records them; it starts with a comma (it follows the "recorded_message" CTE). */
  ctes: Prisma.Sql;
  /** A column of the statement's first row: the ids of the strings it upserted, for the next message. */
  idsColumn: Prisma.Sql;
}

/** What "bouncer_record_spam_strings" answers: the [kind, value, id] of the strings it upserted (null: none). */
export type UpsertedSpamStringIds = Array<[kind: MessageSpamString["kind"], value: string, id: string]> | null;

type RecordedIds = { spamStringIds?: UpsertedSpamStringIds };

/** One string as "bouncer_record_spam_strings" takes it (migration 20261205160000). */
export interface SpamStringInputRow {
  id: string;
  occurrenceId: string;
  kind: MessageSpamString["kind"];
  value: string;
  domain: string | null;
  raw: string;
  obfuscated: boolean;
  /** The string's id when this instance knows it: its occurrence only, no upsert. */
  knownId: string | null;
}

/**
 * Sends `statement`, which records `strings` for a message with the recording it is given (none: no
 * strings), and answers the statement's rows (see recordSpamStringsWith).
 */
export async function sendRecordingSpamStrings<T>(
  db: DbOrTx,
  facts: Pick<IncomingMessageFacts, "tenantId" | "channel" | "createdAt">,
  strings: readonly MessageSpamString[],
  statement: (recording: SpamStringsRecording) => Prisma.Sql,
): Promise<T[]> {
  if (!strings.length) {
    return sendHotStatement<T>(db, statement({ ctes: Prisma.empty, idsColumn: Prisma.sql`NULL AS "spamStringIds"` }));
  }
  return recordSpamStringsWith(
    {
      tenantId: facts.tenantId,
      createdAt: facts.createdAt,
      strings,
      withKnownIds: Boolean(databaseHandleOf(db as Db)),
    },
    (rows) => sendHotStatement<T & RecordedIds>(db, statement(spamStringsRecording(facts, rows))),
    (sent) => (sent.length ? (sent[0]!.spamStringIds ?? null) : false),
  );
}

/**
 * Records a message's `strings` with `send`, which stores them (with whatever else its statement stores)
 * given as "bouncer_record_spam_strings" takes them, sorted by kind and value; `upsertedOf` reads from its
 * answer the ids the function upserted (false: nothing was recorded, the message was not stored). The
 * strings this instance knows (lib/spam-manager/known-spam-strings.ts) go with their id and no upsert;
 * when one of them was deleted meanwhile (a foreign-key violation: nothing of the message is kept), `send`
 * runs again with all of them upserted. `withKnownIds` false (in a transaction, which one failed statement
 * would end): every string is upserted.
 */
export async function recordSpamStringsWith<T>(
  options: { tenantId: string; createdAt: Date; strings: readonly MessageSpamString[]; withKnownIds: boolean },
  send: (rows: SpamStringInputRow[]) => Promise<T>,
  upsertedOf: (sent: T) => UpsertedSpamStringIds | false,
): Promise<T> {
  const { tenantId, createdAt, strings } = options;
  const attempt = async (withKnownIds: boolean) => {
    const rows = spamStringInputRows(tenantId, createdAt, strings, withKnownIds);
    const sent = await send(rows);
    const upserted = upsertedOf(sent);
    if (upserted !== false) {
      rememberSpamStringIds(
        tenantId,
        (upserted ?? []).map(([kind, value, id]) => ({ kind, value, id })),
      );
      for (const row of rows) if (row.knownId) noteSpamStringSighting(row.knownId, createdAt);
    }
    return sent;
  };
  if (!options.withKnownIds || !strings.length) return attempt(false);
  try {
    return await attempt(true);
  } catch (error) {
    if (sqlStateOf(error) !== "23503") throw error;
    forgetSpamStringIds(tenantId, strings);
    return attempt(false);
  }
}

/** The strings in a fixed order (kind, value), with the ids of the rows they may create. */
function spamStringInputRows(
  tenantId: string,
  createdAt: Date,
  strings: readonly MessageSpamString[],
  withKnownIds: boolean,
): SpamStringInputRow[] {
  const at = createdAt.getTime();
  return [...strings]
    .sort((a, b) => (a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1))
    .map((s) => ({
      id: uuidv7(at),
      occurrenceId: uuidv7(at),
      kind: s.kind,
      value: s.value,
      domain: s.domain,
      raw: s.raw,
      obfuscated: s.obfuscated,
      knownId: withKnownIds ? (knownSpamStringId(tenantId, s) ?? null) : null,
    }));
}

/**
 * The CTE that records the strings for the message of a CTE named "recorded_message" (columns "messageId",
 * "contactId", "conversationId"; no row: nothing is recorded), for a statement that stores more — the
 * cheap lane stores a message and its strings in one (lib/messages/cheap-lane.ts). It calls
 * "bouncer_record_spam_strings", and runs when the statement reads its idsColumn (once per row of
 * "recorded_message", which has at most one). One SQL text whatever the strings (a prepared statement's
 * plan serves them all).
 */
function spamStringsRecording(
  facts: Pick<IncomingMessageFacts, "tenantId" | "channel" | "createdAt">,
  rows: SpamStringInputRow[],
): SpamStringsRecording {
  // ISO-8601 with its offset, cast: pg's own conversion of a Date is slower and zone-dependent.
  const ctes = Prisma.sql`,
    spam_strings_recorded AS (
      SELECT "bouncer_record_spam_strings"(${facts.tenantId}::text, ${facts.channel}::"Channel",
               ${facts.createdAt.toISOString()}::timestamptz, m."messageId", m."contactId", m."conversationId",
               ${JSON.stringify(rows)}::jsonb)
               AS "upsertedIds"
        FROM recorded_message m
    )`;
  const idsColumn = Prisma.sql`(SELECT "upsertedIds" FROM spam_strings_recorded) AS "spamStringIds"`;
  return { ctes, idsColumn };
}

/** Whether the tenant has enabled Spam Manager rules (a boolean SQL expression). */
export function tenantHasRulesSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = ${tenantId} AND r."enabled")`;
}
