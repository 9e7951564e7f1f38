// Ingest's half of the Spam Manager: the spam strings of an incoming message, stored as SpamString
// rows (one per tenant, kind and normalized value) and one occurrence per (string, message), which keeps
// how the message wrote the string and whether that was a disguise (raw, obfuscated). It runs
// for every incoming message, so a message without strings costs no database work at all and one with
// strings costs one statement, whatever their number (rules, when the tenant has any, cost more).
import "server-only";
import type { DbOrTx } from "@/lib/db";
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
 * with no database work, when the text has none). One statement: upsert the strings (lastSeenAt moves forward only), insert the occurrences —
 * unique per (string, message), so recording a message twice changes nothing — and say whether the
 * tenant has enabled rules.
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
  // A fixed order, so two messages upserting the same strings lock the rows in the same order.
  const sorted = [...strings].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const at = facts.createdAt.getTime();
  const stringIds = sorted.map(() => uuidv7(at));
  const occurrenceIds = sorted.map(() => uuidv7(at));
  // Data-modifying CTEs run whether or not the final SELECT reads them.
  const [row] = await db.$queryRaw<Array<{ hasRules: boolean }>>`
    WITH input AS (
      SELECT * FROM unnest(${stringIds}::text[], ${occurrenceIds}::text[], ${sorted.map((s) => s.kind)}::text[], ${sorted.map((s) => s.value)}::text[], ${sorted.map((s) => s.domain)}::text[],
          ${sorted.map((s) => s.raw)}::text[], ${sorted.map((s) => s.obfuscated)}::boolean[])
        AS t("id", "occurrenceId", "kind", "value", "domain", "raw", "obfuscated")
    ),
    upserted AS (
      INSERT INTO "SpamString" ("id", "tenantId", "kind", "value", "domain", "firstSeenAt", "lastSeenAt")
      SELECT "id", ${facts.tenantId}, "kind"::"SpamStringKind", "value", "domain", ${facts.createdAt}, ${facts.createdAt} FROM input
      ON CONFLICT ("tenantId", "kind", "value") DO UPDATE SET "lastSeenAt" = GREATEST("SpamString"."lastSeenAt", EXCLUDED."lastSeenAt")
      RETURNING "id", "kind"::text AS "kind", "value"
    ),
    inserted AS (
      INSERT INTO "SpamStringOccurrence" ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId", "channel", "createdAt", "raw", "obfuscated")
      SELECT input."occurrenceId", ${facts.tenantId}, upserted."id", ${facts.messageId}, ${facts.contactId}, ${facts.conversationId}, ${facts.channel}::"Channel", ${facts.createdAt},
        input."raw", input."obfuscated"
      FROM upserted JOIN input ON input."kind" = upserted."kind" AND input."value" = upserted."value"
      ON CONFLICT ("spamStringId", "messageId") DO NOTHING
    )
    SELECT EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = ${facts.tenantId} AND r."enabled") AS "hasRules"`;
  return Boolean(row?.hasRules);
}
