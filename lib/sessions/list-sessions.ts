// The Sessions page: every conversation the actor may see — including banned senders' chats that are in
// no inbox list — searchable, with filters by channel, date, agent and status.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleConversationsWhere } from "@/lib/policy";
import { channelSchema } from "@/lib/channels/channels";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { readConversationSummaries } from "@/lib/conversations/read-conversation-summaries";
import { cursorWhere, encodeCursor } from "@/lib/db/cursor";
import { defineUseCase, type ReadContext } from "@/lib/use-case";
import { containsText } from "@/lib/db/text-search";

const day = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });

export const listSessionsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  channel: channelSchema.optional(),
  /** An agent id, or "none" for unassigned. */
  agent: z.string().trim().max(64).optional(),
  status: z.enum(["waiting", "open", "resolved", "spam", "banned"]).optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const listSessions = defineUseCase({
  inputName: "query",
  input: listSessionsQuerySchema,
  // Who may look is who sees the chats: run keeps only the visible ones.
  run: async ({ db, actor }: ReadContext, q): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> => {
    const and: Prisma.ConversationWhereInput[] = [visibleConversationsWhere(actor)];
    if (q.channel) and.push({ channel: q.channel });
    if (q.agent) and.push({ assigneeId: q.agent === "none" ? null : q.agent });
    if (q.status === "spam" || q.status === "banned") and.push({ bucket: q.status });
    else if (q.status) and.push({ status: q.status });
    if (q.from) and.push({ lastMessageAt: { gte: new Date(`${q.from}T00:00:00.000Z`) } });
    if (q.to) and.push({ lastMessageAt: { lt: new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
    if (q.cursor) and.push(cursorWhere(q.cursor));
    const order: Prisma.ConversationOrderByWithRelationInput[] = [{ lastMessageAt: "desc" }, { id: "desc" }];
    const pageOf = (where: Prisma.ConversationWhereInput) =>
      db.conversation.findMany({
        where: { AND: [...and, where] },
        orderBy: order,
        take: q.limit + 1,
        select: { id: true, lastMessageAt: true },
      });
    const rows = q.q ? await searched(pageOf, q.q, q.limit + 1) : await pageOf({});
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: await readConversationSummaries(
        db,
        actor.tenantId,
        page.map((row) => row.id),
      ),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.lastMessageAt, last.id) : null,
    };
  },
});

type Row = { id: string; lastMessageAt: Date };

/**
 * The first `take` conversations (of those `pageOf` reads, newest first) whose contact's name, one of its
 * identities or the last message's preview contains `text`. One read per place the text may be, merged: a
 * single read with the three as an OR joined every conversation of the tenant to its contact and tested each
 * (1.7 s at 100,000 conversations on PostgreSQL, measured: bench/results/README.md); apart, each is a range
 * of its own trigram index (prisma/schema.prisma) or stops at the first page of matches. Each read keeps the
 * page's filters and cursor, so the newest `take` of the three is the newest `take` of the whole.
 */
async function searched(
  pageOf: (where: Prisma.ConversationWhereInput) => Promise<Row[]>,
  text: string,
  take: number,
): Promise<Row[]> {
  const contains = containsText(text);
  const reads = await Promise.all([
    pageOf({ lastMessagePreview: contains }),
    pageOf({ contact: { name: contains } }),
    pageOf({ contact: { identities: { some: { identifier: contains } } } }),
  ]);
  const byId = new Map<string, Row>();
  for (const row of reads.flat()) byId.set(row.id, row);
  return [...byId.values()]
    .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, take);
}
