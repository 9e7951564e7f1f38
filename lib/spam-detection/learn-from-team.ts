// What the team's actions teach the tenant's spam classifier (issue 18): marking a user as spam (or
// confirming a suspicion) teaches "spam" from their messages, un-marking and dismissing a suspicion teach
// "not spam", denying a string and banning a sender teach "spam" with a smaller step, and an agent's reply
// teaches "not spam" from the messages it answers with the smallest step (the weights are
// the classifier's, lib/classifier/tenant-classifier.ts LABEL_SOURCE_DEFAULTS). Called after the
// action's own transaction commits; teaching never fails the action (errors are logged). The labels are
// rows in the database, so they survive restarts and every instance applies them within its
// staleness window (DEFAULT_MAX_STALENESS_MS, 500 ms), this one at once.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { learnFromLabels, type ClassifierCache } from "@/lib/classifier";
import type { ClassifierLabelSource } from "@/lib/generated/prisma/enums";
import { classifierInputsFor } from "./classifier-inputs";

/** The newest incoming messages taught per action: a spammer with a thousand near-identical messages
 * teaches as much as one with twenty, and a mark stays cheap. */
export const MESSAGES_TAUGHT_PER_ACTION = 20;

type TeachSource = Exclude<ClassifierLabelSource, "manual">;

interface Teaching {
  db: Db;
  tenantId: string;
  source: TeachSource;
  /** Another process's classifier cache (tests simulating instances). */
  cache?: ClassifierCache;
}

/** Teaches from the contact's newest incoming messages (a mark, an un-mark, a ban of the sender). */
export function teachFromContact({ contactId, ...teaching }: Teaching & { contactId: string }): Promise<number> {
  return teach(teaching, Prisma.sql`c."contactId" = ${contactId}`);
}

/**
 * Teaches from several contacts' newest incoming messages together, as one action (bans placed at once:
 * everyone who posted a denied string). Their newest MESSAGES_TAUGHT_PER_ACTION in all, not per contact:
 * a thousand bot accounts posting one campaign teach what one action teaches, not a thousand times more.
 */
export function teachFromContacts({
  contactIds,
  ...teaching
}: Teaching & { contactIds: readonly string[] }): Promise<number> {
  return teach(teaching, Prisma.sql`c."contactId" = ANY(${[...contactIds]}::text[])`);
}

/** Teaches from one conversation's newest incoming messages (a dismissed suspicion). */
export function teachFromConversation({
  conversationId,
  ...teaching
}: Teaching & { conversationId: string }): Promise<number> {
  return teach(teaching, Prisma.sql`m."conversationId" = ${conversationId}`);
}

/** Teaches from the newest incoming messages holding a string just put on the Deny list. */
export function teachFromDeniedString({
  kind,
  value,
  ...teaching
}: Teaching & { kind: string; value: string }): Promise<number> {
  return teach(
    teaching,
    Prisma.sql`m."id" IN (SELECT o."messageId" FROM "SpamStringOccurrence" o JOIN "SpamString" s
      ON s."id" = o."spamStringId"
      WHERE s."tenantId" = ${teaching.tenantId} AND s."kind"::text = ${kind} AND (s."value" = ${value}
        OR (${kind} = 'domain' AND s."domain" = ${value}))
      ORDER BY o."createdAt" DESC LIMIT ${MESSAGES_TAUGHT_PER_ACTION})`,
  );
}

/**
 * Teaches "not spam" from the incoming messages an agent's reply answers: those of the conversation
 * since the previous reply, not taught before. Marks teach only spam; without the tenant's ordinary
 * traffic as a counterweight, whatever every message has (a first message from a new contact, an order
 * number) would drift towards spam. Nothing is taught from a spam-marked sender or a held conversation.
 */
export function teachFromReply({
  conversationId,
  replyId,
  ...teaching
}: Teaching & { conversationId: string; replyId: string }): Promise<number> {
  const reply = Prisma.sql`(SELECT r."createdAt", r."id" FROM "Message" r
    WHERE r."id" = ${replyId} AND r."tenantId" = ${teaching.tenantId})`;
  return teach(
    teaching,
    Prisma.sql`m."conversationId" = ${conversationId} AND (m."createdAt", m."id") < ${reply}
      AND NOT EXISTS (SELECT 1 FROM "Message" p
                       WHERE p."conversationId" = m."conversationId" AND p."direction" = 'out' AND p."id" <> ${replyId}
                         AND (p."createdAt", p."id") > (m."createdAt", m."id") AND (p."createdAt", p."id") < ${reply})
      AND ${answerableUntaught(teaching.tenantId)}`,
  );
}

/**
 * What replies would have taught, for history stored without them (the demo's seeded conversations):
 * the newest `limit` incoming messages that an agent answered and the team has not taught yet.
 */
export function teachFromAnsweredMessages({ limit, ...teaching }: Teaching & { limit: number }): Promise<number> {
  return teach(
    teaching,
    Prisma.sql`EXISTS (SELECT 1 FROM "Message" r WHERE r."conversationId" = m."conversationId" AND r."direction" = 'out'
                        AND (r."createdAt", r."id") > (m."createdAt", m."id"))
      AND ${answerableUntaught(teaching.tenantId)}`,
    limit,
  );
}

/** Not a spam-marked sender's, not in a held conversation, not taught before. */
function answerableUntaught(tenantId: string): Prisma.Sql {
  return Prisma.sql`c."bucket" NOT IN ('spam', 'banned')
      AND NOT EXISTS (SELECT 1 FROM "Contact" k WHERE k."id" = c."contactId" AND k."spamMarkedAt" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "ClassifierLabel" l WHERE l."tenantId" = ${tenantId} AND l."messageId" = m."id")`;
}

async function teach(
  { db, tenantId, source, cache }: Teaching,
  which: Prisma.Sql,
  limit = MESSAGES_TAUGHT_PER_ACTION,
): Promise<number> {
  try {
    const rows = await db.$queryRaw<Array<{ id: string; body: string; first: boolean }>>`
      SELECT m."id", m."body",
        NOT EXISTS (SELECT 1 FROM "Message" e JOIN "Conversation" ec ON ec."id" = e."conversationId"
                     WHERE ec."contactId" = c."contactId" AND e."direction" = 'in'
                       AND (e."createdAt", e."id") < (m."createdAt", m."id")) AS "first"
        FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
       WHERE m."tenantId" = ${tenantId} AND c."tenantId" = ${tenantId} AND m."direction" = 'in' AND m."body" <> ''
         AND ${which}
         -- A message teaches each kind of decision once: marking and un-marking a user in a loop added 20 labels
         -- a click, without end, each moving the model again.
         AND NOT EXISTS (SELECT 1 FROM "ClassifierLabel" t
                          WHERE t."tenantId" = ${tenantId} AND t."messageId" = m."id" AND t."source"::text = ${source})
       ORDER BY m."createdAt" DESC, m."id" DESC
       LIMIT ${limit}`;
    if (!rows.length) return 0;
    const region = (
      await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { defaultPhoneRegion: true } })
    ).defaultPhoneRegion;
    const inputs = await classifierInputsFor(
      db,
      tenantId,
      region,
      rows.map((row) => ({ text: row.body, firstMessageFromNewContact: row.first })),
    );
    // Oldest first, as they arrived.
    const labels = rows.map((row, i) => ({ input: inputs[i]!, source, messageId: row.id })).reverse();
    const { learned } = await learnFromLabels({ db, tenantId, labels, cache });
    return learned;
  } catch (error) {
    console.error(`[spam-detection] could not teach the classifier of tenant ${tenantId} (${source}):`, error);
    return 0;
  }
}
