// The four string tabs (Domains, URLs, Phone Numbers, Emails) and a string's Spam History.
//
// What a tab shows, in one query: the tenant's uncategorized strings of that kind seen within the
// retention window, with their post count, distinct users and last post, highest count first.
// Uncategorized by the rules of list-coverage.ts: no entry of its own, and none that covers it —
// hidden as well are bare domain mentions (they are their domain), URLs of an allowed or denied
// domain, and a domain all of whose URLs seen in the window (at least one) are denied.
// "Deleting an entry makes the string show up again when next posted": deleting an entry resets the
// string's firstSeenAt to the deletion time (lib/spam-manager/spam-lists.ts). A string is shown only
// when it was posted at or after its firstSeenAt, and its counts start there, so it comes back like a
// new string on its next post. A string never listed has firstSeenAt = its first post, which changes
// nothing.
// Disguise (issue 17): each row also counts its posts in the window that wrote it disguised
// (obfuscatedPosts); a tab can be filtered to strings with (or without) such posts and sorted by them.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/channels/channels";
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import { NotFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { spamKindSchema, type SpamKind, type SpamList } from "./kinds";
import { decodeKeyset, mayModerate, pageOf, pagingSchema, searchSchema, tabQuery } from "./paging";
import { spamWindowStart } from "./window";
import { allUrlsDenied, coveredByRelativesSql, effectiveList } from "./list-coverage";
import { flushSpamStringSightings } from "./known-spam-strings";
import { defineUseCase, type ReadContext } from "@/lib/use-case";

export const SPAM_STRING_SORTS = ["posts", "obfuscated"] as const;

export const listSpamStringsQuerySchema = z.object({
  kind: spamKindSchema,
  q: searchSchema.describe("search in the value"),
  obfuscated: z
    .enum(["true", "false"], { error: () => "must be true or false" })
    .transform((value) => value === "true")
    .optional()
    .describe("true: only strings written disguised in at least one post of the window; false: only the others"),
  sort: z
    .enum(SPAM_STRING_SORTS, { error: () => `must be one of ${SPAM_STRING_SORTS.join(", ")}` })
    .default("posts")
    .describe("posts (default): most posted first; obfuscated: most disguised posts first, then most posted"),
  ...pagingSchema,
});

export interface SpamStringRow {
  id: string;
  kind: SpamKind;
  value: string;
  /** URLs: the registrable domain; null otherwise. */
  domain: string | null;
  posts: number;
  users: number;
  lastSeenAt: Date;
  /** Posts in the window that wrote it disguised ("evil[.]com", "name (at) mail (dot) com"). */
  obfuscatedPosts: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Rows the SQL below returns for a tab. */
interface TabRow {
  id: string;
  value: string;
  domain: string | null;
  posts: number;
  users: number;
  lastSeenAt: Date;
  obfuscatedPosts: number;
}

export const listSpamStrings = defineUseCase({
  inputName: "query",
  input: listSpamStringsQuerySchema,
  authorize: mayModerate,
  run: async (ctx: ReadContext, { kind, q, obfuscated, sort, cursor, limit }): Promise<Page<SpamStringRow>> => {
    const { tenantId, since, search, after } = await tabQuery(ctx, { q, cursor }, Prisma.sql`s."value"`, (at) =>
      afterCursor(at, sort),
    );
    const disguise =
      obfuscated === undefined
        ? Prisma.empty
        : obfuscated
          ? Prisma.sql`AND counted."obfuscatedPosts" > 0`
          : Prisma.sql`AND counted."obfuscatedPosts" = 0`;
    const rows = await ctx.db.$queryRaw<TabRow[]>`
      WITH candidates AS (
        SELECT s."id", s."value", s."domain", s."firstSeenAt"
        FROM "SpamString" s
        WHERE s."tenantId" = ${tenantId} AND s."kind" = ${kind}::"SpamStringKind"
          AND s."lastSeenAt" >= ${since} AND s."lastSeenAt" >= s."firstSeenAt"
          ${search}
          AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = s."tenantId" AND e."kind" = s."kind"
            AND e."value" = s."value")
          AND NOT ${coveredByRelativesSql(kind, since)}
      ),
      counted AS (
        SELECT c."id", count(*)::int AS "posts", count(DISTINCT o."contactId")::int AS "users",
          max(o."createdAt") AS "lastSeenAt",
          (count(*) FILTER (WHERE o."obfuscated"))::int AS "obfuscatedPosts"
        FROM candidates c
        JOIN "SpamStringOccurrence" o
          ON o."tenantId" = ${tenantId} AND o."spamStringId" = c."id"
            AND o."createdAt" >= GREATEST(${since}::timestamptz, c."firstSeenAt")
        GROUP BY c."id"
      )
      SELECT counted."id", c."value", c."domain", counted."posts", counted."users", counted."lastSeenAt",
        counted."obfuscatedPosts"
      FROM counted JOIN candidates c ON c."id" = counted."id"
      WHERE TRUE ${disguise} ${after}
      ORDER BY ${sort === "obfuscated" ? Prisma.sql`counted."obfuscatedPosts" DESC,` : Prisma.empty}
        counted."posts" DESC, counted."lastSeenAt" DESC, counted."id" DESC
      LIMIT ${limit + 1}`;
    const page = pageOf(rows, limit, (row) =>
      sort === "obfuscated"
        ? [row.obfuscatedPosts, row.posts, row.lastSeenAt, row.id]
        : [row.posts, row.lastSeenAt, row.id],
    );
    return { items: page.items.map((row) => ({ ...row, kind })), nextCursor: page.nextCursor };
  },
});

function afterCursor(cursor: string, sort: (typeof SPAM_STRING_SORTS)[number]): Prisma.Sql {
  if (sort === "obfuscated") {
    const [obfuscatedPosts, posts, lastSeenAt, id] = decodeKeyset(cursor, ["i", "i", "n", "s"]) as [
      number,
      number,
      number,
      string,
    ];
    return Prisma.sql`AND (counted."obfuscatedPosts", counted."posts", counted."lastSeenAt", counted."id")
      < (${obfuscatedPosts}::int, ${posts}::int, ${new Date(lastSeenAt)}::timestamptz, ${id})`;
  }
  const [posts, lastSeenAt, id] = decodeKeyset(cursor, ["i", "n", "s"]) as [number, number, string];
  return Prisma.sql`AND (counted."posts", counted."lastSeenAt", counted."id") < (${posts}::int,
    ${new Date(lastSeenAt)}::timestamptz, ${id})`;
}

export interface SpamStringDetail {
  id: string;
  kind: SpamKind;
  value: string;
  domain: string | null;
  /** The list it is on, if any, and that entry's id. */
  list: SpamList | null;
  entryId: string | null;
  /**
   * The list it counts as on (lib/spam-manager/list-coverage.ts): its own, else its domain's entry for
   * a URL, else deny for a domain all of whose URLs are denied; null when uncategorized.
   */
  effectiveList: SpamList | null;
  /** The entry that decides when the string has none: its domain's (URLs, bare mentions); null otherwise. */
  coveredBy: { kind: SpamKind; value: string; list: SpamList } | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Every stored post containing it (older ones are purged unless it is on a list). */
  posts: number;
  users: number;
  /** Stored posts that wrote it disguised. */
  obfuscatedPosts: number;
}

export async function getSpamString({
  db,
  actor,
  spamStringId,
  now = new Date(),
}: ReadContext & {
  spamStringId: string;
}): Promise<SpamStringDetail> {
  mayModerate({ actor });
  await flushSpamStringSightings(); // its lastSeenAt, as a tab does (paging.ts tabQuery)
  const string = await db.spamString.findFirst({ where: { id: String(spamStringId), tenantId: actor.tenantId } });
  if (!string) throw new NotFound("spam string");
  const [entry, [counts]] = await Promise.all([
    db.spamListEntry.findUnique({
      where: { tenantId_kind_value: { tenantId: actor.tenantId, kind: string.kind, value: string.value } },
      select: { id: true, list: true },
    }),
    db.$queryRaw<Array<{ posts: number; users: number; obfuscatedPosts: number }>>`
      SELECT count(*)::int AS "posts", count(DISTINCT "contactId")::int AS "users",
        (count(*) FILTER (WHERE "obfuscated"))::int AS "obfuscatedPosts"
      FROM "SpamStringOccurrence" WHERE "tenantId" = ${actor.tenantId} AND "spamStringId" = ${string.id}`,
  ]);
  const since = await spamWindowStart(db, actor.tenantId, now);
  const domainEntry =
    !entry && string.kind === "url" && string.domain
      ? await db.spamListEntry.findUnique({
          where: { tenantId_kind_value: { tenantId: actor.tenantId, kind: "domain", value: string.domain } },
          select: { list: true },
        })
      : null;
  const listed = await effectiveList(
    string,
    (kind, value) =>
      kind === string.kind && value === string.value
        ? (entry?.list ?? null)
        : kind === "domain" && value === string.domain
          ? (domainEntry?.list ?? null)
          : null,
    async (domain) => {
      const [row] = await db.$queryRaw<
        Array<{ denied: boolean }>
      >`SELECT ${allUrlsDenied(Prisma.sql`${actor.tenantId}`, Prisma.sql`${domain}`, since)} AS "denied"`;
      return Boolean(row?.denied);
    },
  );
  return {
    id: string.id,
    kind: string.kind,
    value: string.value,
    domain: string.domain,
    list: entry?.list ?? null,
    entryId: entry?.id ?? null,
    effectiveList: listed,
    coveredBy: domainEntry && string.domain ? { kind: "domain", value: string.domain, list: domainEntry.list } : null,
    firstSeenAt: string.firstSeenAt,
    lastSeenAt: string.lastSeenAt,
    posts: counts?.posts ?? 0,
    users: counts?.users ?? 0,
    obfuscatedPosts: counts?.obfuscatedPosts ?? 0,
  };
}

export const listPostsQuerySchema = z.object({ ...pagingSchema });

export interface SpamPost {
  /** The occurrence's id. */
  id: string;
  messageId: string;
  text: string;
  createdAt: Date;
  channel: ChannelName;
  contact: { id: string; name: string };
  conversation: { id: string; bucket: InboxBucket };
  /** How this post wrote the string (for a domain, the link it came with); null when recorded before
   * raw forms were kept. */
  raw: string | null;
  /** This post wrote it disguised. */
  obfuscated: boolean;
}

interface PostRow {
  id: string;
  messageId: string;
  text: string | null;
  createdAt: Date;
  channel: ChannelName;
  contactId: string;
  contactName: string | null;
  conversationId: string;
  bucket: InboxBucket | null;
  raw: string | null;
  obfuscated: boolean;
}

/** The Spam History: every stored message containing the string, newest first. */
export const listSpamStringPosts = defineUseCase({
  inputName: "query",
  input: listPostsQuerySchema,
  authorize: mayModerate,
  run: async (
    { db, actor, spamStringId }: ReadContext & { spamStringId: string },
    { cursor, limit },
  ): Promise<Page<SpamPost>> => {
    const string = await db.spamString.findFirst({
      where: { id: String(spamStringId), tenantId: actor.tenantId },
      select: { id: true },
    });
    if (!string) throw new NotFound("spam string");
    const after = cursor
      ? (({ at, id }) => Prisma.sql`AND (o."createdAt", o."id") < (${at}::timestamptz, ${id})`)(decodeCursor(cursor))
      : Prisma.empty;
    const rows = await db.$queryRaw<PostRow[]>`
      SELECT o."id", o."messageId", m."body" AS "text", o."createdAt", o."channel"::text AS "channel", o."contactId",
        c."name" AS "contactName",
        o."conversationId", v."bucket"::text AS "bucket", o."raw", o."obfuscated"
      FROM "SpamStringOccurrence" o
      -- The ids an occurrence keeps have no foreign key: each is looked up within the tenant too.
      LEFT JOIN "Message" m ON m."id" = o."messageId" AND m."tenantId" = o."tenantId"
      LEFT JOIN "Contact" c ON c."id" = o."contactId" AND c."tenantId" = o."tenantId"
      LEFT JOIN "Conversation" v ON v."id" = o."conversationId" AND v."tenantId" = o."tenantId"
      WHERE o."tenantId" = ${actor.tenantId} AND o."spamStringId" = ${string.id} ${after}
      ORDER BY o."createdAt" DESC, o."id" DESC
      LIMIT ${limit + 1}`;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSpamPost),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  },
});

function toSpamPost(row: PostRow): SpamPost {
  return {
    id: row.id,
    messageId: row.messageId,
    // The conversation (and its messages) can be deleted with the contact; the occurrence then goes too.
    text: row.text ?? "",
    createdAt: row.createdAt,
    channel: row.channel,
    contact: { id: row.contactId, name: row.contactName ?? "Unknown user" },
    conversation: { id: row.conversationId, bucket: row.bucket ?? "active" },
    raw: row.raw,
    obfuscated: row.obfuscated,
  };
}
