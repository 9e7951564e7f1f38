// Ingest's half of the Spam Manager: the spam strings of an incoming message, stored as SpamString
// rows (one per tenant, kind and normalized value) and one occurrence per (string, message), which keeps
// how the message wrote the string and whether that was a disguise (raw, obfuscated). It runs
// for every incoming message, so a message without strings costs no database work at all and one with
// strings costs one statement, whatever their number (rules, when the tenant has any, cost more).
import "server-only";
import { sendHotStatement, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/channels/channels";
import { messageSpamStrings, type MessageSpamString } from "./conventions";
import { uuidv7 } from "@/lib/db/ids";

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
 * with no database work, when the text has none). One statement: upsert the strings (lastSeenAt moves
 * forward only), insert the occurrences — unique per (string, message), so recording a message twice
 * changes nothing — and say whether the tenant has enabled rules.
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
  const [row] = await sendHotStatement<{ hasRules: boolean }>(
    db,
    Prisma.sql`
    WITH recorded_message AS (
      SELECT ${facts.messageId}::text AS "messageId", ${facts.contactId}::text AS "contactId",
             ${facts.conversationId}::text AS "conversationId"
    )
    ${spamStringsRecording(facts, strings)}
    SELECT ${tenantHasRulesSql(facts.tenantId)} AS "hasRules"`,
  );
  return Boolean(row?.hasRules);
}

/**
 * The data-modifying CTEs that record `strings` for the message of a CTE named "recorded_message" (columns
 * "messageId", "contactId", "conversationId"; no row: nothing is recorded), for a statement that stores
 * more — the cheap lane stores a message and its strings in one (lib/messages/cheap-lane.ts). Upsert the
 * strings (lastSeenAt moves forward only) in a fixed order, so two messages upserting the same strings
 * lock the rows in the same order; insert the occurrences, unique per (string, message). Data-modifying
 * CTEs run whether or not the final SELECT reads them. Starts with a comma: it follows the statement's
 * "recorded_message" CTE.
 */
export function spamStringsRecording(
  facts: Pick<IncomingMessageFacts, "tenantId" | "channel" | "createdAt">,
  strings: readonly MessageSpamString[],
): Prisma.Sql {
  const sorted = [...strings].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const at = facts.createdAt.getTime();
  const stringIds = sorted.map(() => uuidv7(at));
  const occurrenceIds = sorted.map(() => uuidv7(at));
  return Prisma.sql`,
    spam_string_input AS (
      SELECT * FROM unnest(${stringIds}::text[], ${occurrenceIds}::text[],
          ${sorted.map((s) => s.kind)}::text[], ${sorted.map((s) => s.value)}::text[],
          ${sorted.map((s) => s.domain)}::text[],
          ${sorted.map((s) => s.raw)}::text[], ${sorted.map((s) => s.obfuscated)}::boolean[])
        AS t("id", "occurrenceId", "kind", "value", "domain", "raw", "obfuscated")
    ),
    spam_strings_upserted AS (
      INSERT INTO "SpamString" ("id", "tenantId", "kind", "value", "domain", "firstSeenAt", "lastSeenAt")
      SELECT i."id", ${facts.tenantId}, i."kind"::"SpamStringKind", i."value", i."domain",
             ${facts.createdAt}, ${facts.createdAt}
        FROM spam_string_input i CROSS JOIN recorded_message
       ORDER BY i."kind", i."value"
      ON CONFLICT ("tenantId", "kind", "value")
        DO UPDATE SET "lastSeenAt" = GREATEST("SpamString"."lastSeenAt", EXCLUDED."lastSeenAt")
      RETURNING "id", "kind"::text AS "kind", "value"
    ),
    spam_string_occurrences AS (
      INSERT INTO "SpamStringOccurrence"
        ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId", "channel", "createdAt", "raw",
         "obfuscated")
      SELECT i."occurrenceId", ${facts.tenantId}, u."id", m."messageId", m."contactId", m."conversationId",
        ${facts.channel}::"Channel", ${facts.createdAt},
        i."raw", i."obfuscated"
      FROM spam_strings_upserted u
      JOIN spam_string_input i ON i."kind" = u."kind" AND i."value" = u."value"
      CROSS JOIN recorded_message m
      ON CONFLICT ("spamStringId", "messageId") DO NOTHING
    )`;
}

/** Whether the tenant has enabled Spam Manager rules (a boolean SQL expression). */
export function tenantHasRulesSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = ${tenantId} AND r."enabled")`;
}
