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
  const [row] = await recordSpamStringsWith(
    {
      tenantId: facts.tenantId,
      createdAt: facts.createdAt,
      strings,
      withKnownIds: Boolean(databaseHandleOf(db as Db)),
    },
    // ISO-8601 with its offset, cast: pg's own conversion of a Date is slower and zone-dependent.
    (rows) =>
      sendHotStatement<{ hasRules: boolean; spamStringIds: UpsertedSpamStringIds }>(
        db,
        Prisma.sql`
        SELECT "bouncer_record_spam_strings"(${facts.tenantId}::text, ${facts.channel}::"Channel",
                 ${facts.createdAt.toISOString()}::timestamptz, ${facts.messageId}::text, ${facts.contactId}::text,
                 ${facts.conversationId}::text, ${JSON.stringify(rows)}::jsonb) AS "spamStringIds",
               ${tenantHasRulesSql(facts.tenantId)} AS "hasRules"`,
      ),
    (sent) => sent[0]?.spamStringIds ?? null,
  );
  return Boolean(row?.hasRules);
}

/** What "bouncer_record_spam_strings" answers: the [kind, value, id] of the strings it upserted (null: none). */
export type UpsertedSpamStringIds = Array<[kind: MessageSpamString["kind"], value: string, id: string]> | null;

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

/** Whether the tenant has enabled Spam Manager rules (a boolean SQL expression). */
export function tenantHasRulesSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = ${tenantId} AND r."enabled")`;
}
