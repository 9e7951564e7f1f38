// The Blacklist page's table and the API's GET /api/v1/bans: filter by status and channel, search,
// sort by any column, page through; and the same filter as CSV.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/policy";
import { InvalidInput } from "@/lib/errors";
import { listBansQuerySchema, type ListBansQuery } from "./ban-schemas";
import { activeBanWhere, banSelect, inactiveBanWhere, toBanView, type BanRow, type BanView } from "./ban-view";
import { contactNamesFor } from "./manage-bans";
import { defineUseCase, type ReadContext } from "@/lib/use-case";
import { containsText } from "@/lib/db/text-search";

function bansWhere(tenantId: string, query: ListBansQuery, now: Date): Prisma.BanWhereInput {
  const and: Prisma.BanWhereInput[] = [{ tenantId }];
  if (query.status === "active") and.push(activeBanWhere(now));
  if (query.status === "inactive") and.push(inactiveBanWhere(now));
  if (query.channel) and.push({ channel: query.channel });
  if (query.q) {
    const contains = containsText(query.q);
    and.push({ OR: [{ identifier: contains }, { reason: contains }, { createdByName: contains }] });
  }
  return { AND: and };
}

function orderBy(query: ListBansQuery): Prisma.BanOrderByWithRelationInput[] {
  const direction = query.dir;
  const column =
    query.sort === "lastHitAt" || query.sort === "expiresAt"
      ? { [query.sort]: { sort: direction, nulls: "last" as const } }
      : { [query.sort]: direction };
  return [column as Prisma.BanOrderByWithRelationInput, { id: direction }];
}

/** A cursor for the page starting at `offset` (the Blacklist page numbers its pages). */
export function offsetCursor(offset: number): string | undefined {
  return offset > 0 ? Buffer.from(String(offset)).toString("base64url") : undefined;
}

/** The cursor is an opaque offset: the table sorts by any column, so keyset paging would not fit. */
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  // An offset past any real list (the database refuses one beyond its integer range) is not our cursor.
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > 1_000_000_000) {
    throw new InvalidInput("Invalid cursor: pass the nextCursor of a previous page.", {
      fields: [{ field: "cursor", message: "is not a cursor from this API" }],
    });
  }
  return offset;
}

export interface BanPage {
  items: BanView[];
  nextCursor: string | null;
  total: number;
}

const mayManageBans = ({ actor }: ReadContext) => authorize(actor, "bans.manage", { tenantId: actor.tenantId });

export const listBans = defineUseCase({
  inputName: "query",
  input: listBansQuerySchema,
  authorize: mayManageBans,
  run: async ({ db, actor, now = new Date() }, query): Promise<BanPage> => {
    const offset = decodeOffset(query.cursor);
    const where = bansWhere(actor.tenantId, query, now);
    const [rows, total] = await Promise.all([
      db.ban.findMany({ where, orderBy: orderBy(query), skip: offset, take: query.limit + 1, select: banSelect }),
      db.ban.count({ where }),
    ]);
    const page = rows.slice(0, query.limit);
    const names = await contactNamesFor(db, page);
    return {
      items: page.map((row) => toBanView(row, names, now)),
      nextCursor: rows.length > query.limit ? Buffer.from(String(offset + query.limit)).toString("base64url") : null,
      total,
    };
  },
});

const CSV_LIMIT = 100_000;
const CSV_COLUMNS = [
  "id",
  "channel",
  "identifier",
  "contact",
  "reason",
  "source",
  "bannedBy",
  "bannedAt",
  "expiresAt",
  "status",
  "deactivatedBy",
  "deactivatedAt",
  "hits",
  "lastHitAt",
];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote when needed, and defuse spreadsheet formulas in user-controlled text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The current filter (all pages) as CSV. */
export const exportBansCsv = defineUseCase({
  inputName: "query",
  input: listBansQuerySchema,
  authorize: mayManageBans,
  run: async ({ db, actor, now = new Date() }, query): Promise<string> => {
    const rows = await db.ban.findMany({
      where: bansWhere(actor.tenantId, query, now),
      orderBy: orderBy(query),
      take: CSV_LIMIT,
      select: banSelect,
    });
    return toCsv(rows, await contactNamesFor(db, rows), now);
  },
});

function toCsv(rows: BanRow[], names: Map<string, string>, now: Date): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    const ban = toBanView(row, names, now);
    lines.push(
      [
        ban.id,
        ban.channel,
        ban.identifier,
        ban.contact?.name,
        ban.reason,
        ban.source,
        ban.createdBy.name,
        ban.createdAt,
        ban.expiresAt,
        ban.status,
        ban.deactivatedBy?.name,
        ban.deactivatedAt,
        ban.hitCount,
        ban.lastHitAt,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
