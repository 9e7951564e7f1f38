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
    if (q.q) {
      const contains = containsText(q.q);
      and.push({
        OR: [
          { contact: { name: contains } },
          { contact: { identities: { some: { identifier: contains } } } },
          { lastMessagePreview: contains },
        ],
      });
    }
    if (q.cursor) and.push(cursorWhere(q.cursor));
    const rows = await db.conversation.findMany({
      where: { AND: and },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      select: { id: true, lastMessageAt: true },
    });
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
