// The inbox lists (All, You, Unassigned, Resolved) and their counts, cursor-paged, newest activity first.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { seesAllChats, visibleConversationsWhere } from "@/lib/policy";
import { Forbidden, InvalidInput, parseInput } from "@/lib/errors";
import type { ConversationSummary } from "./conversation-summary";
import { readConversationSummaries } from "./read-conversation-summaries";
import { availableLists, INBOX_LISTS, type InboxList, type Viewer } from "./list-membership";
import { cursorWhere, encodeCursor } from "./cursor";

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

/** The SQL form of lib/inbox/list-membership.ts isInList(), on top of the visibility rule. */
export function listWhere(actor: Actor, list: InboxList): Prisma.ConversationWhereInput {
  const viewer = viewerOf(actor);
  if (!availableLists(viewer).includes(list)) {
    if (list === "mine") {
      throw new InvalidInput("list=mine needs an acting agent: pass X-Agent-Id.", { fields: [{ field: "list", message: "mine needs X-Agent-Id" }] });
    }
    throw new Forbidden("The All list needs the “can see All chats” permission.", "list_not_available");
  }
  const visible = visibleConversationsWhere(actor);
  switch (list) {
    case "all":
      return { ...visible, bucket: "active" };
    case "mine":
      return { tenantId: actor.tenantId, bucket: "active", assigneeId: viewer.agentId };
    case "unassigned":
      return { tenantId: actor.tenantId, bucket: "active", assigneeId: null };
    case "resolved":
      return { AND: [visible, { bucket: "resolved" }] };
    case "spam":
      return { AND: [visible, { bucket: "spam" }] };
  }
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export async function listConversations({ db, actor, query }: { db: DbOrTx; actor: Actor; query: unknown }): Promise<ConversationPage> {
  const parsed = parseInput(listConversationsQuerySchema, query, "query");
  const { cursor, limit } = parsed;
  const list = parsed.list ?? availableLists(viewerOf(actor))[0]!;
  const rows = await db.conversation.findMany({
    where: { AND: [listWhere(actor, list), ...(cursor ? [cursorWhere(cursor)] : [])] },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, lastMessageAt: true },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await readConversationSummaries(db, page.map((row) => row.id)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.lastMessageAt, last.id) : null,
  };
}

/** Live counts of every list the actor has. */
export async function countConversations({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<Partial<Record<InboxList, number>>> {
  const lists = availableLists(viewerOf(actor)).filter((list) => list !== "resolved");
  // Resolved has no count: it only grows, and counting it would cost a scan for a number nobody needs.
  const counts = await Promise.all(lists.map((list) => db.conversation.count({ where: listWhere(actor, list) })));
  return Object.fromEntries(lists.map((list, i) => [list, counts[i]!]));
}
