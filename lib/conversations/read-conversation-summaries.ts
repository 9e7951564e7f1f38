// Reads conversation summaries — the row, its contact, its assignee and its label chips — in one
// statement. Every list page, API answer and realtime event reads them here: Prisma's nested select
// costs five statements (the rows, then contacts, agents, conversation labels and labels) and most of
// a list request's time (bench figure 2); an inbox page is the page and its summaries in one statement.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";
import { NotFound } from "@/lib/errors";
import type { ConversationSummary, LabelChip } from "./conversation-summary";
import { spamReasonsOf } from "@/lib/conversations/spam-reasons";

/** A summary as the database gives it (querySummaries; the ingest function's JSON, with times as strings). */
export interface SummaryRow {
  id: string;
  channel: ChannelName;
  status: ConversationStatus;
  bucket: InboxBucket;
  assigneeId: string | null;
  assigneeName: string | null;
  spamMarkedById: string | null;
  lastMessageAt: Date | string;
  lastMessagePreview: string;
  queuedAt: Date | string | null;
  spamScore: number | null;
  spamReasons: unknown;
  createdAt: Date | string;
  updatedAt: Date | string;
  contactId: string;
  contactName: string;
  labels: LabelChip[];
}

/**
 * The tenant's summaries of `ids`, in the order given; ids that do not exist in the tenant are left out
 * (the tenant is in the WHERE even for ids just read from its rows: one rule, whoever calls).
 */
export async function readConversationSummaries(
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
): Promise<ConversationSummary[]> {
  if (!ids.length) return [];
  const rows = await querySummaries(
    db,
    Prisma.sql`SELECT * FROM "Conversation" WHERE "id" = ANY(${[...ids]}::text[]) AND "tenantId" = ${tenantId}`,
    Prisma.empty,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Summaries of the "Conversation" rows a subquery selects (a list page: its WHERE, ORDER BY and LIMIT),
 * in `order` (SQL over the alias c) — the page and its summaries in one statement.
 */
export async function querySummaries(
  db: DbOrTx,
  rowsSql: Prisma.Sql,
  order: Prisma.Sql,
): Promise<ConversationSummary[]> {
  const rows = await db.$queryRaw<SummaryRow[]>`
    SELECT c."id", c."channel"::text AS "channel", c."status"::text AS "status", c."bucket"::text AS "bucket",
           c."assigneeId", a."name" AS "assigneeName", c."spamMarkedById", c."lastMessageAt", c."lastMessagePreview",
           c."queuedAt", c."spamScore", c."spamReasons", c."createdAt", c."updatedAt", ct."id" AS "contactId",
             ct."name" AS "contactName",
           (SELECT coalesce(json_agg(json_build_object('id', l."id", 'name', l."name", 'color', l."color")
             ORDER BY cl."createdAt", l."id"), '[]'::json)
              FROM "ConversationLabel" cl JOIN "Label" l ON l."id" = cl."labelId"
             WHERE cl."conversationId" = c."id") AS "labels"
      FROM (${rowsSql}) c
      JOIN "Contact" ct ON ct."id" = c."contactId"
      LEFT JOIN "Agent" a ON a."id" = c."assigneeId"
      ${order}`;
  return rows.map(summaryOf);
}

export async function readConversationSummary(db: DbOrTx, tenantId: string, id: string): Promise<ConversationSummary> {
  const [summary] = await readConversationSummaries(db, tenantId, [id]);
  if (!summary) throw new NotFound("conversation");
  return summary;
}

export function summaryOf(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    bucket: row.bucket,
    contact: { id: row.contactId, name: row.contactName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    spamMarkedById: row.spamMarkedById,
    labels: typeof row.labels === "string" ? (JSON.parse(row.labels) as LabelChip[]) : row.labels,
    lastMessageAt: new Date(row.lastMessageAt).toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    queuedAt: row.queuedAt ? new Date(row.queuedAt).toISOString() : null,
    spamScore: row.spamScore,
    spamReasons: spamReasonsOf(row.spamReasons),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
