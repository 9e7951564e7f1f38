// Re-extracts the spam strings of the retained incoming messages with the current extractor, so the
// Spam Manager's lists reflect its rules after they change (issue 17: disguised links, glued links,
// prose that no longer counts). One-off, run by `npm run spam:backfill`; safe to run again and while
// the server runs.
//
// For each message: the strings it holds now are upserted and its occurrences set to them (raw form and
// obfuscated flag refreshed); occurrences of strings it no longer holds ("{joe@joe.com", a junk punycode
// host, "so.so") are deleted; then strings left with no occurrence and no list entry go, as retention
// would remove them. Rules are not run: re-reading old messages must not act on their authors today.
//
// Retained messages are the incoming ones within the tenant's spam retention window, plus older ones
// that still have occurrences (strings on a list are kept beyond the window).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { messageSpamStrings, type MessageSpamString } from "./conventions";
import { uuidv7 } from "@/lib/db/ids";
import { deleteOrphanSpamStrings } from "./orphan-strings";

const BATCH = 500;

export interface ReextractProgress {
  tenantId: string;
  tenantName: string;
  /** Messages of this tenant done so far, and how many there are. */
  done: number;
  total: number;
}

export interface ReextractResult {
  tenants: number;
  messages: number;
  /** Occurrences added (strings a message holds that were not recorded). */
  added: number;
  /** Occurrences removed (strings a message no longer holds). */
  removed: number;
  /** Occurrences kept whose raw form or obfuscated flag was refreshed (or unchanged). */
  kept: number;
  /** Strings deleted because no occurrence and no list entry was left. */
  stringsDeleted: number;
}

export interface ReextractOptions {
  /** One tenant only; every tenant when omitted. */
  tenantId?: string;
  onProgress?: (progress: ReextractProgress) => void;
  now?: Date;
}

export async function reextractSpamStrings(
  db: Db,
  { tenantId, onProgress, now = new Date() }: ReextractOptions = {},
): Promise<ReextractResult> {
  const tenants = await db.tenant.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, name: true, defaultPhoneRegion: true, spamRetentionDays: true },
    orderBy: { createdAt: "asc" },
  });
  const result: ReextractResult = {
    tenants: tenants.length,
    messages: 0,
    added: 0,
    removed: 0,
    kept: 0,
    stringsDeleted: 0,
  };
  for (const tenant of tenants) {
    const since = new Date(now.getTime() - tenant.spamRetentionDays * 86_400_000);
    const [{ total } = { total: 0 }] = await db.$queryRaw<Array<{ total: number }>>`
      SELECT count(*)::int AS "total" FROM "Message" m WHERE ${retainedMessages(tenant.id, since)}`;
    let done = 0;
    let after = "";
    onProgress?.({ tenantId: tenant.id, tenantName: tenant.name, done, total });
    for (;;) {
      const batch = await db.$queryRaw<
        Array<{ id: string; body: string; createdAt: Date; conversationId: string; contactId: string; channel: string }>
      >`
        SELECT m."id", m."body", m."createdAt", c."id" AS "conversationId", c."contactId",
          c."channel"::text AS "channel"
        FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
        WHERE ${retainedMessages(tenant.id, since)} AND m."id" > ${after}
        ORDER BY m."id" LIMIT ${BATCH}`;
      for (const message of batch) {
        const counts = await reextractMessage(db, {
          tenantId: tenant.id,
          messageId: message.id,
          contactId: message.contactId,
          conversationId: message.conversationId,
          channel: message.channel,
          createdAt: message.createdAt,
          strings: messageSpamStrings(message.body, tenant.defaultPhoneRegion),
        });
        result.added += counts.added;
        result.removed += counts.removed;
        result.kept += counts.kept;
      }
      done += batch.length;
      result.messages += batch.length;
      if (batch.length > 0) onProgress?.({ tenantId: tenant.id, tenantName: tenant.name, done, total });
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
    result.stringsDeleted += await deleteOrphanStrings(db, tenant.id, now);
  }
  return result;
}

/** The tenant's incoming messages within the window, and older ones that still have occurrences. */
function retainedMessages(tenantId: string, since: Date): Prisma.Sql {
  return Prisma.sql`m."tenantId" = ${tenantId} AND m."direction" = 'in'
    AND (m."createdAt" >= ${since} OR m."id" IN (
      SELECT o."messageId" FROM "SpamStringOccurrence" o WHERE o."tenantId" = ${tenantId}
        AND o."createdAt" < ${since}))`;
}

interface MessageToReextract {
  tenantId: string;
  messageId: string;
  contactId: string;
  conversationId: string;
  channel: string;
  createdAt: Date;
  strings: MessageSpamString[];
}

/** One statement per message: upsert its strings, set its occurrences to them, drop the others. */
async function reextractMessage(
  db: Db,
  message: MessageToReextract,
): Promise<{ added: number; removed: number; kept: number }> {
  // A fixed order, so two statements upserting the same strings lock the rows in the same order.
  const sorted = [...message.strings].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const at = message.createdAt.getTime();
  const [row] = await db.$queryRaw<Array<{ added: number; removed: number; kept: number }>>`
    WITH input AS (
      SELECT * FROM unnest(${sorted.map(() => uuidv7(at))}::text[], ${sorted.map(() => uuidv7(at))}::text[],
        ${sorted.map((s) => s.kind)}::text[],
        ${sorted.map((s) => s.value)}::text[], ${sorted.map((s) => s.domain)}::text[],
        ${sorted.map((s) => s.raw)}::text[], ${sorted.map((s) => s.obfuscated)}::boolean[])
        AS t("id", "occurrenceId", "kind", "value", "domain", "raw", "obfuscated")
    ),
    upserted AS (
      INSERT INTO "SpamString" ("id", "tenantId", "kind", "value", "domain", "firstSeenAt", "lastSeenAt")
      SELECT "id", ${message.tenantId}, "kind"::"SpamStringKind", "value", "domain", ${message.createdAt},
        ${message.createdAt} FROM input
      ON CONFLICT ("tenantId", "kind", "value") DO UPDATE SET "lastSeenAt" = GREATEST("SpamString"."lastSeenAt",
        EXCLUDED."lastSeenAt")
      RETURNING "id", "kind"::text AS "kind", "value"
    ),
    written AS (
      INSERT INTO "SpamStringOccurrence" ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId",
        "channel", "createdAt", "raw", "obfuscated")
      SELECT input."occurrenceId", ${message.tenantId}, upserted."id", ${message.messageId}, ${message.contactId},
        ${message.conversationId}, ${message.channel}::"Channel",
        ${message.createdAt}, input."raw", input."obfuscated"
      FROM upserted JOIN input ON input."kind" = upserted."kind" AND input."value" = upserted."value"
      ON CONFLICT ("spamStringId", "messageId") DO UPDATE SET "raw" = EXCLUDED."raw",
        "obfuscated" = EXCLUDED."obfuscated"
      RETURNING (xmax = 0) AS "inserted"
    ),
    removed AS (
      DELETE FROM "SpamStringOccurrence" o
      -- Occurrences carry their message's time: the (tenantId, createdAt) index finds them.
      WHERE o."tenantId" = ${message.tenantId} AND o."createdAt" = ${message.createdAt}
        AND o."messageId" = ${message.messageId}
        AND o."spamStringId" NOT IN (SELECT "id" FROM upserted)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM written WHERE "inserted")::int AS "added",
      (SELECT count(*) FROM removed)::int AS "removed",
      (SELECT count(*) FROM written WHERE NOT "inserted")::int AS "kept"`;
  return row ?? { added: 0, removed: 0, kept: 0 };
}

/** Strings with no occurrence left and no list entry, last seen before the run started. */
async function deleteOrphanStrings(db: Db, tenantId: string, startedAt: Date): Promise<number> {
  const batch = 5000;
  let deleted = 0;
  for (;;) {
    const step = await deleteOrphanSpamStrings(
      db,
      Prisma.sql`s."tenantId" = ${tenantId} AND s."lastSeenAt" < ${startedAt}`,
      batch,
    );
    deleted += step;
    if (step < batch) return deleted;
  }
}
