// The Users tab: spam users are the contacts whose posts within the retention window contain denied
// or uncategorized strings (anything not allowed, by the rules of list-coverage.ts: a URL under an
// allowed domain is allowed too). Their spam posts count such messages once however many strings they
// hold. Most recent spam first. A string shows as one chip: a bare domain mention is its domain's.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import { NotFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { SpamKind, SpamList } from "./kinds";
import { decodeKeyset, mayModerate, pageOf, pagingSchema, searchSchema, tabQuery } from "./paging";
import { spamWindowStart } from "./window";
import { ALLOWED_SQL, BARE_DOMAIN_URL_SQL, effectiveListSql } from "./list-coverage";
import type { Page } from "./spam-strings";
import { defineUseCase, type ReadContext } from "@/lib/use-case";

export const listSpamUsersQuerySchema = z.object({
  q: searchSchema.describe("search in the user's name"),
  ...pagingSchema,
});
export const listUserPostsQuerySchema = z.object({ ...pagingSchema });

export interface SpamStringRef {
  id: string;
  kind: SpamKind;
  value: string;
  /** deny, or null for uncategorized (allow for strings shown beside spam in a post). */
  list: SpamList | null;
}

export interface LastAccountAction {
  id: string;
  actionName: string;
  status: "completed" | "failed";
  manual: boolean;
  ruleName: string | null;
  createdAt: Date;
}

export interface SpamUserRow {
  contact: { id: string; name: string; spamMarked: boolean; flaggedForReview: boolean };
  channels: ChannelName[];
  lastSpamPostAt: Date;
  /** Messages in the window with a denied or uncategorized string. */
  spamPosts: number;
  /** Their most posted spam strings (up to three). */
  topStrings: Array<SpamStringRef & { posts: number }>;
  lastAction: LastAccountAction | null;
}

interface UserRow {
  contactId: string;
  name: string | null;
  spamMarkedAt: Date | null;
  flaggedForReviewAt: Date | null;
  lastSpamPostAt: Date;
  spamPosts: number;
  channels: ChannelName[];
}

const NOT_ALLOWED = Prisma.sql`NOT ${ALLOWED_SQL}`;

export const listSpamUsers = defineUseCase({
  inputName: "query",
  input: listSpamUsersQuerySchema,
  authorize: mayModerate,
  run: async (ctx: ReadContext, { q, cursor, limit }): Promise<Page<SpamUserRow>> => {
    const { db } = ctx;
    const { tenantId, since, search, after } = await tabQuery(ctx, { q, cursor }, Prisma.sql`c."name"`, (keys) => {
      const [at, id] = decodeKeyset(keys, ["n", "s"]) as [number, string];
      return Prisma.sql`AND (u."lastSpamPostAt", u."contactId") < (${new Date(at)}::timestamptz, ${id})`;
    });
    const rows = await db.$queryRaw<UserRow[]>`
      WITH users AS (
        SELECT o."contactId", max(o."createdAt") AS "lastSpamPostAt", count(DISTINCT o."messageId")::int AS "spamPosts",
          array_agg(DISTINCT o."channel"::text) AS "channels"
        FROM "SpamStringOccurrence" o JOIN "SpamString" s ON s."id" = o."spamStringId"
        WHERE o."tenantId" = ${tenantId} AND o."createdAt" >= ${since} AND ${NOT_ALLOWED}
        GROUP BY o."contactId"
      )
      SELECT u.*, c."name", c."spamMarkedAt", c."flaggedForReviewAt"
      FROM users u JOIN "Contact" c ON c."id" = u."contactId" AND c."tenantId" = ${tenantId}
      WHERE TRUE ${search} ${after}
      ORDER BY u."lastSpamPostAt" DESC, u."contactId" DESC
      LIMIT ${limit + 1}`;
    const page = pageOf(rows, limit, (row) => [row.lastSpamPostAt, row.contactId]);
    const contactIds = page.items.map((row) => row.contactId);
    const [top, actions] = await Promise.all([
      topStrings(db, tenantId, contactIds, since),
      lastActions(db, tenantId, contactIds),
    ]);
    return {
      items: page.items.map((row) => ({
        contact: {
          id: row.contactId,
          name: row.name ?? "Unknown user",
          spamMarked: row.spamMarkedAt !== null,
          flaggedForReview: row.flaggedForReviewAt !== null,
        },
        channels: row.channels,
        lastSpamPostAt: row.lastSpamPostAt,
        spamPosts: row.spamPosts,
        topStrings: top.get(row.contactId) ?? [],
        lastAction: actions.get(row.contactId) ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  },
});

async function topStrings(db: DbOrTx, tenantId: string, contactIds: string[], since: Date) {
  const byContact = new Map<string, Array<SpamStringRef & { posts: number }>>();
  if (contactIds.length === 0) return byContact;
  const rows = await db.$queryRaw<Array<SpamStringRef & { contactId: string; posts: number }>>`
    WITH counted AS (
      SELECT o."contactId", s."id", s."kind"::text AS "kind", s."value", count(*)::int AS "posts",
        max(o."createdAt") AS "lastAt",
        ${effectiveListSql(since)} AS "list"
      FROM "SpamStringOccurrence" o JOIN "SpamString" s ON s."id" = o."spamStringId"
      -- A bare domain mention is its domain (which every such post holds too): one string, one chip.
      WHERE o."tenantId" = ${tenantId} AND o."contactId" = ANY(${contactIds}::text[]) AND o."createdAt" >= ${since}
        AND ${NOT_ALLOWED} AND NOT ${BARE_DOMAIN_URL_SQL}
      GROUP BY o."contactId", s."id"
    )
    SELECT "contactId", "id", "kind", "value", "posts", "list" FROM (
      -- Most posted first; among equals, denied strings, then the most recent.
      SELECT counted.*, row_number() OVER (
        PARTITION BY "contactId" ORDER BY "posts" DESC, ("list" = 'deny') IS TRUE DESC, "lastAt" DESC, "kind", "value"
      ) AS "rank"
      FROM counted
    ) ranked
    WHERE "rank" <= 3
    ORDER BY "contactId", "rank"`;
  for (const { contactId, ...string } of rows) {
    const list = byContact.get(contactId) ?? [];
    list.push(string);
    byContact.set(contactId, list);
  }
  return byContact;
}

async function lastActions(db: DbOrTx, tenantId: string, contactIds: string[]) {
  const byContact = new Map<string, LastAccountAction>();
  if (contactIds.length === 0) return byContact;
  const rows = await db.$queryRaw<Array<LastAccountAction & { contactId: string }>>`
    SELECT DISTINCT ON (l."contactId") l."contactId", l."id", l."actionName", l."status"::text AS "status", l."manual",
      r."name" AS "ruleName", l."createdAt"
    FROM "ActionLog" l LEFT JOIN "SpamRule" r ON r."id" = l."ruleId" AND r."tenantId" = l."tenantId"
    WHERE l."tenantId" = ${tenantId} AND l."contactId" = ANY(${contactIds}::text[])
    ORDER BY l."contactId", l."createdAt" DESC, l."id" DESC`;
  for (const { contactId, ...action } of rows) byContact.set(contactId, action);
  return byContact;
}

export interface SpamUserDetail {
  contact: {
    id: string;
    name: string;
    spamMarkedAt: Date | null;
    flaggedForReviewAt: Date | null;
    authenticated: boolean;
  };
  identities: Array<{ channel: ChannelName; identifier: string }>;
  /** Spam posts within the window, and ever (as far as stored). */
  spamPostsInWindow: number;
  lastAction: LastAccountAction | null;
}

export async function getSpamUser({
  db,
  actor,
  contactId,
  now = new Date(),
}: ReadContext & {
  contactId: string;
}): Promise<SpamUserDetail> {
  mayModerate({ actor });
  const tenantId = actor.tenantId;
  const contact = await db.contact.findFirst({
    where: { id: String(contactId), tenantId },
    select: {
      id: true,
      name: true,
      spamMarkedAt: true,
      flaggedForReviewAt: true,
      authenticated: true,
      identities: { select: { channel: true, identifier: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!contact) throw new NotFound("contact");
  const since = await spamWindowStart(db, tenantId, now);
  const [[counts], actions] = await Promise.all([
    db.$queryRaw<Array<{ posts: number }>>`
      SELECT count(DISTINCT o."messageId")::int AS "posts"
      FROM "SpamStringOccurrence" o JOIN "SpamString" s ON s."id" = o."spamStringId"
      WHERE o."tenantId" = ${tenantId} AND o."contactId" = ${contact.id} AND o."createdAt" >= ${since}
        AND ${NOT_ALLOWED}`,
    lastActions(db, tenantId, [contact.id]),
  ]);
  const { identities, ...rest } = contact;
  return {
    contact: rest,
    identities,
    spamPostsInWindow: counts?.posts ?? 0,
    lastAction: actions.get(contact.id) ?? null,
  };
}

export interface UserSpamPost {
  messageId: string;
  text: string;
  createdAt: Date;
  channel: ChannelName;
  conversation: { id: string; bucket: InboxBucket };
  /** Every spam string in the message, with the list it is on. */
  strings: SpamStringRef[];
}

interface UserPostRow {
  messageId: string;
  createdAt: Date;
  text: string | null;
  channel: ChannelName;
  conversationId: string;
  bucket: InboxBucket | null;
  strings: SpamStringRef[];
}

/**
 * The User History: every stored message of the contact with a denied or uncategorized string, newest first (its
 * strings with the list each counts as on).
 */
export const listUserSpamPosts = defineUseCase({
  inputName: "query",
  input: listUserPostsQuerySchema,
  authorize: mayModerate,
  run: async (
    { db, actor, contactId, now = new Date() }: ReadContext & { contactId: string },
    { cursor, limit },
  ): Promise<Page<UserSpamPost>> => {
    const tenantId = actor.tenantId;
    const contact = await db.contact.findFirst({ where: { id: String(contactId), tenantId }, select: { id: true } });
    if (!contact) throw new NotFound("contact");
    const since = await spamWindowStart(db, tenantId, now);
    const after = cursor
      ? (({ at, id }) => Prisma.sql`AND (p."createdAt", p."messageId") < (${at}::timestamptz, ${id})`)(
          decodeCursor(cursor),
        )
      : Prisma.empty;
    const rows = await db.$queryRaw<UserPostRow[]>`
      WITH posts AS (
        SELECT o."messageId", max(o."createdAt") AS "createdAt", max(o."channel"::text) AS "channel",
          max(o."conversationId") AS "conversationId"
        FROM "SpamStringOccurrence" o JOIN "SpamString" s ON s."id" = o."spamStringId"
        WHERE o."tenantId" = ${tenantId} AND o."contactId" = ${contact.id} AND ${NOT_ALLOWED}
        GROUP BY o."messageId"
      ),
      page AS (
        SELECT p.* FROM posts p WHERE TRUE ${after} ORDER BY p."createdAt" DESC, p."messageId" DESC LIMIT ${limit + 1}
      )
      SELECT page.*, m."body" AS "text", v."bucket"::text AS "bucket",
        (SELECT json_agg(json_build_object('id', s."id", 'kind', s."kind", 'value', s."value", 'list',
          ${effectiveListSql(since)}) ORDER BY s."kind", s."value")
          FROM "SpamStringOccurrence" o2 JOIN "SpamString" s ON s."id" = o2."spamStringId"
          WHERE o2."tenantId" = ${tenantId} AND o2."messageId" = page."messageId"
            AND NOT ${BARE_DOMAIN_URL_SQL}) AS "strings"
      FROM page
      -- An occurrence's ids have no foreign key: each is looked up within the tenant too.
      LEFT JOIN "Message" m ON m."id" = page."messageId" AND m."tenantId" = ${tenantId}
      LEFT JOIN "Conversation" v ON v."id" = page."conversationId" AND v."tenantId" = ${tenantId}
      ORDER BY page."createdAt" DESC, page."messageId" DESC`;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => ({
        messageId: row.messageId,
        text: row.text ?? "",
        createdAt: row.createdAt,
        channel: row.channel,
        conversation: { id: row.conversationId, bucket: row.bucket ?? "active" },
        strings: row.strings ?? [],
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.messageId) : null,
    };
  },
});
