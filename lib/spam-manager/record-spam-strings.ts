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
  /** The data-modifying CTEs; they start with a comma (they follow the "recorded_message" CTE). */
  ctes: Prisma.Sql;
  /** A column of the statement's first row: the ids of the strings it upserted, for the next message. */
  idsColumn: Prisma.Sql;
}

type RecordedIds = { spamStringIds?: Array<[kind: MessageSpamString["kind"], value: string, id: string]> | null };

/**
 * Sends `statement`, which records `strings` for a message with the recording it is given (none: no
 * strings). The strings this instance knows (lib/spam-manager/known-spam-strings.ts) are recorded with
 * their id and no upsert; when one of them was deleted meanwhile (a foreign-key violation: nothing of the
 * statement is kept), the statement runs again with all of them upserted. Returns the statement's rows.
 * In a transaction (which one failed statement would end) every string is upserted.
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
  const send = async (withKnownIds: boolean) => {
    const recording = spamStringsRecording(facts, strings, withKnownIds);
    const rows = await sendHotStatement<T & RecordedIds>(db, statement(recording));
    if (rows.length) {
      const upserted = rows[0]!.spamStringIds ?? [];
      rememberSpamStringIds(
        facts.tenantId,
        upserted.map(([kind, value, id]) => ({ kind, value, id })),
      );
      for (const id of recording.knownIds) noteSpamStringSighting(id, facts.createdAt);
    }
    return rows;
  };
  // In a transaction a failed statement fails the transaction: no second try there, so no known ids.
  if (!databaseHandleOf(db as Db)) return send(false);
  try {
    return await send(true);
  } catch (error) {
    if (sqlStateOf(error) !== "23503") throw error;
    forgetSpamStringIds(facts.tenantId, strings);
    return send(false);
  }
}

/**
 * The data-modifying CTEs that record `strings` for the message of a CTE named "recorded_message" (columns
 * "messageId", "contactId", "conversationId"; no row: nothing is recorded), for a statement that stores
 * more — the cheap lane stores a message and its strings in one (lib/messages/cheap-lane.ts). Strings of
 * known id get their occurrence only; the others are upserted (lastSeenAt moves forward only) in a fixed
 * order, so two messages upserting the same strings lock the rows in the same order. Occurrences are
 * unique per (string, message). Data-modifying CTEs run whether or not the final SELECT reads them. One
 * SQL text whatever the strings, known or not (a prepared statement's plan serves them all).
 */
function spamStringsRecording(
  facts: Pick<IncomingMessageFacts, "tenantId" | "channel" | "createdAt">,
  strings: readonly MessageSpamString[],
  withKnownIds: boolean,
): SpamStringsRecording & { knownIds: string[] } {
  const sorted = [...strings].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const at = facts.createdAt.getTime();
  // ISO-8601 with its offset, cast: pg's own conversion of a Date is slower and zone-dependent.
  const createdAt = facts.createdAt.toISOString();
  const stringIds = sorted.map(() => uuidv7(at));
  const occurrenceIds = sorted.map(() => uuidv7(at));
  const knownIds = sorted.map((s) => (withKnownIds ? (knownSpamStringId(facts.tenantId, s) ?? null) : null));
  const ctes = Prisma.sql`,
    spam_string_input AS (
      SELECT * FROM unnest(${stringIds}::text[], ${occurrenceIds}::text[],
          ${sorted.map((s) => s.kind)}::text[], ${sorted.map((s) => s.value)}::text[],
          ${sorted.map((s) => s.domain)}::text[],
          ${sorted.map((s) => s.raw)}::text[], ${sorted.map((s) => s.obfuscated)}::boolean[], ${knownIds}::text[])
        AS t("id", "occurrenceId", "kind", "value", "domain", "raw", "obfuscated", "knownId")
    ),
    spam_strings_upserted AS (
      INSERT INTO "SpamString" ("id", "tenantId", "kind", "value", "domain", "firstSeenAt", "lastSeenAt")
      SELECT i."id", ${facts.tenantId}, i."kind"::"SpamStringKind", i."value", i."domain",
             ${createdAt}::timestamptz, ${createdAt}::timestamptz
        FROM spam_string_input i CROSS JOIN recorded_message
       WHERE i."knownId" IS NULL
       ORDER BY i."kind", i."value"
      ON CONFLICT ("tenantId", "kind", "value")
        DO UPDATE SET "lastSeenAt" = GREATEST("SpamString"."lastSeenAt", EXCLUDED."lastSeenAt")
      RETURNING "id", "kind"::text AS "kind", "value"
    ),
    spam_strings_recorded AS (
      SELECT "id", "kind", "value" FROM spam_strings_upserted
      UNION ALL
      SELECT "knownId", "kind", "value" FROM spam_string_input WHERE "knownId" IS NOT NULL
    ),
    spam_string_occurrences AS (
      INSERT INTO "SpamStringOccurrence"
        ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId", "channel", "createdAt", "raw",
         "obfuscated")
      SELECT i."occurrenceId", ${facts.tenantId}, r."id", m."messageId", m."contactId", m."conversationId",
        ${facts.channel}::"Channel", ${createdAt}::timestamptz,
        i."raw", i."obfuscated"
      FROM spam_strings_recorded r
      JOIN spam_string_input i ON i."kind" = r."kind" AND i."value" = r."value"
      CROSS JOIN recorded_message m
      ON CONFLICT ("spamStringId", "messageId") DO NOTHING
    )`;
  const idsColumn = Prisma.sql`(SELECT json_agg(json_build_array(u."kind", u."value", u."id"))
    FROM spam_strings_upserted u) AS "spamStringIds"`;
  return { ctes, idsColumn, knownIds: knownIds.filter((id): id is string => id !== null) };
}

/** Whether the tenant has enabled Spam Manager rules (a boolean SQL expression). */
export function tenantHasRulesSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = ${tenantId} AND r."enabled")`;
}
