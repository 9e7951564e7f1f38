// The inbox lists (All, You, Unassigned, Waiting, Resolved, Suspected, Spam) and their counts, cursor-paged: newest
// activity first, except Waiting — the live-chat queue — which is served in queue order (#1 first).
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { seesAllChats, visibleConversationsSql } from "@/lib/policy";
import { Forbidden, InvalidInput } from "@/lib/errors";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { querySummaries } from "@/lib/conversations/read-conversation-summaries";
import { availableLists, INBOX_LISTS, type InboxList, type Viewer } from "@/lib/conversations/list-membership";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { defineUseCase, type ReadContext } from "@/lib/use-case";
import { flushConversationActivity } from "@/lib/messages/conversation-activity";

export const PAGE_SIZE = 50;

export const listConversationsQuerySchema = z.object({
  /** Without it: the first list the actor has (All, else You), so a limited agent is not answered 403. */
  list: z
    .enum(INBOX_LISTS, { error: () => `must be one of ${INBOX_LISTS.join(", ")}` })
    .optional()
    .describe("default: all, or mine for an agent without the “can see All chats” permission"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});

export function viewerOf(actor: Actor): Viewer {
  return { agentId: actor.kind === "agent" ? actor.agentId : null, seesAllChats: seesAllChats(actor) };
}

/**
 * The SQL form of lib/conversations/list-membership.ts isInList(), on top of the visibility rule, over a
 * "Conversation" row aliased c. Each list is one range of a (tenantId, bucket, …, lastMessageAt, id)
 * index (prisma/schema.prisma).
 */
export function listWhereSql(actor: Actor, list: InboxList): Prisma.Sql {
  const viewer = viewerOf(actor);
  if (!availableLists(viewer).includes(list)) {
    if (list === "mine") {
      throw new InvalidInput("list=mine needs an acting agent: pass X-Agent-Id.", {
        fields: [{ field: "list", message: "mine needs X-Agent-Id" }],
      });
    }
    throw new Forbidden("The All list needs the “can see All chats” permission.", "list_not_available");
  }
  const visible = visibleConversationsSql(actor);
  switch (list) {
    case "all":
      return Prisma.sql`${visible} AND c."bucket" = 'active'`;
    case "mine":
      return Prisma.sql`c."tenantId" = ${actor.tenantId} AND c."bucket" = 'active'
        AND c."assigneeId" = ${viewer.agentId}`;
    case "unassigned":
      return Prisma.sql`c."tenantId" = ${actor.tenantId} AND c."bucket" = 'active' AND c."assigneeId" IS NULL`;
    case "waiting":
      return Prisma.sql`c."tenantId" = ${actor.tenantId} AND c."bucket" = 'active' AND c."assigneeId" IS NULL
        AND c."status" = 'waiting'`;
    case "resolved":
      return Prisma.sql`${visible} AND c."bucket" = 'resolved'`;
    case "suspected":
      return Prisma.sql`${visible} AND c."bucket" = 'suspected'`;
    case "spam":
      return Prisma.sql`${visible} AND c."bucket" = 'spam'`;
  }
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

const NEWEST_FIRST = Prisma.sql`ORDER BY c."lastMessageAt" DESC, c."id" DESC`;

// The queue: by when each chat asked for an agent (its place: lib/live-chat/connect.ts queuePosition),
// oldest first. A waiting chat without queuedAt (imported) takes its last activity.
const QUEUE_TIME = Prisma.sql`COALESCE(c."queuedAt", c."lastMessageAt")`;
const QUEUE_ORDER = Prisma.sql`ORDER BY ${QUEUE_TIME} ASC, c."id" ASC`;

/** One page of a list and its rows' summaries, in one statement (bench figure 2). */
export const listConversations = defineUseCase({
  inputName: "query",
  input: listConversationsQuerySchema,
  // Who may see a list depends on the list the query names: listWhereSql answers 403 for one the actor lacks.
  run: async ({ db, actor }: ReadContext, { list: named, cursor, limit }): Promise<ConversationPage> => {
    const list = named ?? availableLists(viewerOf(actor))[0]!;
    await flushConversationActivity(); // the cheap lane's, written behind: a list shows what was posted here
    const where = listWhereSql(actor, list);
    const queue = list === "waiting";
    const order = queue ? QUEUE_ORDER : NEWEST_FIRST;
    const after = cursor ? afterCursorSql(decodeCursor(cursor), queue) : Prisma.empty;
    const rows = await querySummaries(
      db,
      Prisma.sql`SELECT * FROM "Conversation" c WHERE ${where} ${after} ${order} LIMIT ${limit + 1}`,
      order,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const lastAt = last ? new Date(queue ? (last.queuedAt ?? last.lastMessageAt) : last.lastMessageAt) : null;
    return { items: page, nextCursor: rows.length > limit && last && lastAt ? encodeCursor(lastAt, last.id) : null };
  },
});

/** Rows after a cursor: a row comparison, which PostgreSQL uses as the index range's bound. */
function afterCursorSql({ at, id }: { at: Date; id: string }, queue: boolean): Prisma.Sql {
  return queue
    ? Prisma.sql`AND (${QUEUE_TIME}, c."id") > (${at}::timestamptz, ${id})`
    : Prisma.sql`AND (c."lastMessageAt", c."id") < (${at}::timestamptz, ${id})`;
}

// Resolved has no count: it only grows, and counting it would cost a scan for a number nobody needs.
// Every counted list lies in the active, suspected and spam buckets, which bounds the one statement's scan.
const COUNTED_BUCKETS = Prisma.sql`c."bucket" IN ('active', 'suspected', 'spam')`;

/** Live counts of every list the actor has, in one statement. */
export async function countConversations({ db, actor }: ReadContext): Promise<Partial<Record<InboxList, number>>> {
  const lists = availableLists(viewerOf(actor)).filter((list) => list !== "resolved");
  const filters = lists.map((list) => Prisma.sql`count(*) FILTER (WHERE ${listWhereSql(actor, list)})::int`);
  const [row] = await db.$queryRaw<Array<{ counts: number[] }>>`
    SELECT ARRAY[${Prisma.join(filters)}] AS "counts" FROM "Conversation" c WHERE c."tenantId" = ${actor.tenantId}
      AND ${COUNTED_BUCKETS}`;
  return Object.fromEntries(lists.map((list, i) => [list, Number(row?.counts[i] ?? 0)]));
}
