// The Blacklist page's table and the API's GET /api/v1/bans: filter by status and channel, search,
// sort by any column, page through; and the same filter as CSV.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/policy";
import { createHash } from "node:crypto";
import { decodeKeyset, encodeKeyset, invalidCursor, type KeysetKey } from "@/lib/db/cursor";
import { listBansQuerySchema, type ListBansQuery } from "./ban-schemas";
import { activeBanWhere, banSelect, inactiveBanWhere, toBanView, type BanRow, type BanView } from "./ban-view";
import { contactNamesFor } from "./manage-bans";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";
import { CHANNELS, type ChannelName } from "@/lib/channels/channels";
import { containsText } from "@/lib/db/text-search";

/** The bans a query's filters take (status, channel, search), whatever its sort and page. */
export function bansWhere(tenantId: string, query: ListBansQuery, now: Date): Prisma.BanWhereInput {
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

/** The list's order: the sort column (missing values last), then id; `reversed` for the rows before a cursor. */
function orderBy(query: ListBansQuery, reversed = false): Prisma.BanOrderByWithRelationInput[] {
  const direction = reversed ? (query.dir === "asc" ? "desc" : "asc") : query.dir;
  const column = NULLABLE_SORTS.has(query.sort)
    ? { [query.sort]: { sort: direction, nulls: reversed ? ("first" as const) : ("last" as const) } }
    : { [query.sort]: direction };
  return [column as Prisma.BanOrderByWithRelationInput, { id: direction }];
}

/**
 * A page number's cursor, the Blacklist page's before it paged by keyset (`?page=3`): an opaque offset. Still
 * answered — a bookmarked page or a client holding one keeps working — but a deep one costs what OFFSET costs
 * (every row before it is read and sorted); the keyset cursors of nextCursor/prevCursor do not.
 */
export function offsetCursor(offset: number): string | undefined {
  return offset > 0 ? Buffer.from(String(offset)).toString("base64url") : undefined;
}

/** An offset cursor (base64url of digits), or null when `cursor` is not one. */
function decodeOffset(cursor: string): number | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^\d{1,10}$/.test(text)) return null;
  const offset = Number(text);
  // An offset past any real list (the database refuses one beyond its integer range) is not our cursor.
  if (offset > 1_000_000_000) throw invalidCursor("is not a cursor from this API");
  return offset;
}

/** Which side of its key a keyset cursor pages to: the rows after it (Next) or before it (Previous). */
type Side = "after" | "before";

/** A sort column's key type in a cursor (lib/db/cursor.ts): times as epoch ms, nullable ones may be null. */
const SORT_KEYS: Record<ListBansQuery["sort"], KeysetKey> = {
  createdAt: "n",
  lastHitAt: "n?",
  hitCount: "i",
  expiresAt: "n?",
  identifier: "t",
  channel: "t",
};

/** The key of a row in the list's order: its sort column's value and its id. */
interface BanKey {
  value: Date | number | string | null;
  id: string;
}

/**
 * A cursor names its tenant (a hash, not the id), sort and direction: another tenant's cursor, or one from
 * another sort (whose value would mean something else), is a 400 rather than a page from somewhere else.
 */
function cursorTag(tenantId: string, query: ListBansQuery): string {
  return createHash("sha256")
    .update(`${tenantId}\u0000${query.sort}\u0000${query.dir}`)
    .digest("base64url")
    .slice(0, 12);
}

function encodeBanCursor(tenantId: string, query: ListBansQuery, side: Side, row: BanRow): string {
  const value = row[query.sort];
  return encodeKeyset([cursorTag(tenantId, query), side === "after" ? "a" : "b", value, row.id]);
}

function decodeBanCursor(tenantId: string, query: ListBansQuery, cursor: string): { side: Side; key: BanKey } {
  const [tag, side, value, id] = decodeKeyset(cursor, ["s", "s", SORT_KEYS[query.sort], "s"]);
  if (tag !== cursorTag(tenantId, query)) throw invalidCursor("is not a cursor of this list and sort");
  if (side !== "a" && side !== "b") throw invalidCursor();
  if (query.sort === "channel" && !CHANNELS.includes(value as ChannelName)) throw invalidCursor();
  const isTime = SORT_KEYS[query.sort].startsWith("n");
  return {
    side: side === "a" ? "after" : "before",
    key: { value: isTime && value != null ? new Date(value as number) : (value ?? null), id: id as string },
  };
}

export interface BanPage {
  items: BanView[];
  /** The page after this one, or null on the last. */
  nextCursor: string | null;
  /** The page before this one, or null on the first. */
  prevCursor: string | null;
  total: number;
}

const mayManageBans = ({ actor }: ReadContext) => authorize(actor, "bans.manage", { tenantId: actor.tenantId });

export const listBans = defineUseCase({
  inputName: "query",
  input: listBansQuerySchema,
  authorize: mayManageBans,
  run: async ({ db, actor, now = new Date() }, query): Promise<BanPage> => {
    const tenantId = actor.tenantId;
    const where = bansWhere(tenantId, query, now);
    const offset = query.cursor ? decodeOffset(query.cursor) : 0;
    const keyset = offset === null ? decodeBanCursor(tenantId, query, query.cursor!) : null;
    const before = keyset?.side === "before";
    const [rows, total] = await Promise.all([
      db.ban.findMany({
        where: keyset ? { AND: [where, banKeyset(query, keyset.key, keyset.side)] } : where,
        // Before a cursor: the rows nearest it first (the order reversed), turned back below.
        orderBy: orderBy(query, before),
        ...(offset ? { skip: offset } : {}),
        take: query.limit + 1,
        select: banSelect,
      }),
      db.ban.count({ where }),
    ]);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (before) page.reverse();
    const first = page[0];
    const last = page.at(-1);
    const names = await contactNamesFor(db, tenantId, page);
    // Rows before the page: past a keyset cursor or an offset, the row it names and those before it.
    const hasPrevious = before ? more : Boolean(keyset) || (offset ?? 0) > 0;
    const hasNext = before ? Boolean(query.cursor) : more;
    return {
      items: page.map((row) => toBanView(row, names, now)),
      nextCursor: hasNext && last ? encodeBanCursor(tenantId, query, "after", last) : null,
      prevCursor: hasPrevious && first ? encodeBanCursor(tenantId, query, "before", first) : null,
      total,
    };
  },
});

/** The most rows one export holds. */
export const CSV_LIMIT = 100_000;
/**
 * Rows read, and written to the response, at a time: the export holds one batch (a few MB), not the table.
 * Sorted by a column without an index (hits, last hit), each batch sorts the rest of the tenant's bans:
 * 100,000 of them took 11–14 s in batches of 1,000 and 4.7 s in batches of 5,000 (PGlite).
 */
const CSV_BATCH_SIZE = 5_000;
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
const CSV_HEADER = `${CSV_COLUMNS.join(",")}\r\n`;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote when needed, and defuse spreadsheet formulas in user-controlled text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The sort columns a ban may lack (sorted last, `nulls: "last"`, whatever the direction). */
const NULLABLE_SORTS: ReadonlySet<ListBansQuery["sort"]> = new Set(["lastHitAt", "expiresAt"]);

/**
 * The rows after (or before) a key in orderBy(query)'s order: a keyset on (sort column, id), so a page is an
 * indexable range and not an OFFSET that re-reads every row before it. Nullable columns sort last: after a
 * row with a value come greater values, then equal values with a greater id, then every row without one;
 * after a row without one, only rows without one with a greater id. Before is the mirror: before a row
 * without a value come every row with one and those without one with a smaller id. Prisma has no lt/gt for
 * enums: the channels past one are listed, in CHANNELS' order, which is the Channel type's (and so ORDER
 * BY's) order.
 */
function banKeyset(query: ListBansQuery, key: BanKey, side: Side = "after"): Prisma.BanWhereInput {
  // Toward the end of the list in its direction (after), or toward its start (before).
  const ascending = (query.dir === "asc") === (side === "after");
  const past = ascending ? "gt" : "lt";
  const column = query.sort;
  const nullable = NULLABLE_SORTS.has(column);
  const { value } = key;
  const laterId = { id: { [past]: key.id } };
  if (value === null) {
    return side === "after"
      ? { [column]: null, ...laterId }
      : { OR: [{ [column]: { not: null } }, { [column]: null, ...laterId }] };
  }
  const beyond: Prisma.BanWhereInput =
    column === "channel"
      ? { channel: { in: channelsPast(value as ChannelName, ascending ? "asc" : "desc") } }
      : { [column]: { [past]: value } };
  const rest: Prisma.BanWhereInput[] = [beyond, { [column]: value, ...laterId }];
  if (nullable && side === "after") return { OR: [...rest, { [column]: null }] };
  if (column === "channel") return { OR: rest };
  // The bound the OR implies, written out: PostgreSQL can use only that as an index bound (lib/db/cursor.ts).
  return { [column]: { [`${past}e`]: value }, OR: rest };
}

function channelsPast(channel: ChannelName, dir: ListBansQuery["dir"]): ChannelName[] {
  const at = CHANNELS.indexOf(channel);
  return dir === "asc" ? CHANNELS.slice(at + 1) : CHANNELS.slice(0, at);
}

export interface ExportBansOptions {
  /** Rows per database read (tests use small ones to cross batch boundaries). */
  batchSize?: number;
  /** The most rows the export holds. */
  maxRows?: number;
}

/**
 * The current filter (all pages, at most CSV_LIMIT rows) as a CSV stream: the header, then the rows read
 * CSV_BATCH_SIZE at a time, each batch written before the next is read. Authorization and the query's parse
 * come first, then the first batch is read before the stream is handed over, so a refusal or a database
 * that fails at once is still an error answer (400/403/500), not a broken download. Later batches are read
 * only as the client takes the text (the stream's pull) and not at all once it hangs up (cancel).
 * A database failure mid-stream errors the stream: the response is cut, never ended as if complete.
 * The batches are separate reads, not one snapshot: a transaction held for as long as a client takes to
 * download would hold a pool connection (on the embedded database, the only one). A ban made meanwhile
 * may or may not appear; one whose hits change while a hits/last-hit sort is exported may appear twice or
 * not at all.
 * `db` is the client, never a transaction: the stream outlives the call.
 */
export const exportBansCsv = defineUseCase({
  inputName: "query",
  input: listBansQuerySchema,
  authorize: (ctx: UseCaseContext & ExportBansOptions) => mayManageBans(ctx),
  run: async (
    { db, actor, now = new Date(), batchSize = CSV_BATCH_SIZE, maxRows = CSV_LIMIT },
    query,
  ): Promise<ReadableStream<Uint8Array>> => {
    const tenantId = actor.tenantId;
    const where = bansWhere(tenantId, query, now);
    const order = orderBy(query);
    let last: BanRow | undefined;
    let left = maxRows;
    /** The next batch's CSV lines, or null when the export is complete. */
    const nextBatch = async (): Promise<string | null> => {
      if (left <= 0) return null;
      const take = Math.min(batchSize, left);
      const rows = await db.ban.findMany({
        where: last ? { AND: [where, banKeyset(query, { value: last[query.sort], id: last.id })] } : where,
        orderBy: order,
        take,
        select: banSelect,
      });
      // A short batch is the last one: no read to find the end.
      left = rows.length < take ? 0 : left - rows.length;
      last = rows.at(-1);
      return rows.length ? csvLines(rows, await contactNamesFor(db, tenantId, rows), now) : null;
    };

    const encoder = new TextEncoder();
    let first: string | null = CSV_HEADER + ((await nextBatch()) ?? "");
    let cancelled = false;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (first !== null) {
            controller.enqueue(encoder.encode(first));
            first = null;
            return;
          }
          let lines: string | null;
          try {
            lines = await nextBatch();
          } catch (error) {
            console.error("[bans export] the database failed mid-export; the download is cut:", error);
            throw error;
          }
          if (cancelled) return;
          if (lines === null) controller.close();
          else controller.enqueue(encoder.encode(lines));
        },
        cancel() {
          // The client hung up: pull is not called again; a read under way finishes unsent.
          cancelled = true;
        },
      },
      // Nothing read ahead of the client: a slow download holds one batch.
      { highWaterMark: 0 },
    );
  },
});

/** Each row's CSV line, each ending in CRLF. */
function csvLines(rows: BanRow[], names: Map<string, string>, now: Date): string {
  let text = "";
  for (const row of rows) {
    const ban = toBanView(row, names, now);
    text += `${[
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
      .join(",")}\r\n`;
  }
  return text;
}
