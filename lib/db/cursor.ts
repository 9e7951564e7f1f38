// Opaque keyset cursors for lists ordered by (time desc, id desc): stable under concurrent inserts —
// a page never repeats or skips a row that did not itself change.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidInput } from "@/lib/errors";

/** A keyset-paged list's query fields: the previous page's cursor and a page size (1–100, `pageSize` unless given). */
export function keysetPagingQuery(pageSize: number) {
  return {
    cursor: z.string().max(300).optional().describe("nextCursor of the previous page"),
    limit: z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(100, "must be at most 100")
      .default(pageSize)
      .describe(`default ${pageSize}`),
  };
}

/**
 * The times a cursor may carry: years 1 to 9999 (epoch ms), which both databases and ISO-8601 take. A
 * cursor we made always holds one; a forged one (`[1e20, "x"]`) is refused with a 400 instead of
 * reaching the database as an invalid date.
 */
export const CURSOR_TIME_RANGE = { min: -62_135_596_800_000, max: 253_402_300_799_999 } as const;

export function isCursorTime(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) &&
    (value as number) >= CURSOR_TIME_RANGE.min &&
    (value as number) <= CURSOR_TIME_RANGE.max
  );
}

/** Ids in cursors are ours: short, and no NUL (PostgreSQL cannot compare text holding one). */
export function isCursorId(value: unknown): value is string {
  return typeof value === "string" && value.length <= 64 && !value.includes("\u0000");
}

/** Texts in cursors (a sort column's value, e.g. an identifier): bounded, and no NUL. */
export function isCursorText(value: unknown): value is string {
  return typeof value === "string" && value.length <= 500 && !value.includes("\u0000");
}

/**
 * A key's expected type: "n" a number or epoch-ms time (whole, within the years a time may have), "i" a count
 * the database compares as an integer, "s" an id, "t" a text; "n?" and "i?" also null (a nullable column's).
 */
export type KeysetKey = "n" | "i" | "s" | "t" | "n?" | "i?";

function isKey(value: unknown, shape: KeysetKey): boolean {
  if (value === null) return shape.endsWith("?");
  switch (shape) {
    case "n":
    case "n?":
      return isCursorTime(value);
    case "i":
    case "i?":
      return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
    case "s":
      return isCursorId(value);
    case "t":
      return isCursorText(value);
  }
}

/** A cursor over a list ordered by the given keys (numbers, times as epoch ms, ids): the one codec. */
export function encodeKeyset(keys: Array<number | string | Date | null>): string {
  return Buffer.from(JSON.stringify(keys.map((key) => (key instanceof Date ? key.getTime() : key)))).toString(
    "base64url",
  );
}

const MAX_COUNT = 2_147_483_647;

/**
 * The keys of a cursor, checked against their expected types (KeysetKey). A forged key answers 400 instead
 * of reaching the database out of range.
 */
export function decodeKeyset(
  cursor: string,
  shape: ReadonlyArray<KeysetKey>,
  refusal = "is not a cursor from this list",
): Array<number | string | null> {
  try {
    const keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(keys) && keys.length === shape.length && keys.every((key, i) => isKey(key, shape[i]!))) {
      return keys as Array<number | string | null>;
    }
  } catch {
    // fall through
  }
  throw invalidCursor(refusal);
}

/** The 400 for a cursor that is not one of this list's. */
export function invalidCursor(refusal = "is not a cursor from this list"): InvalidInput {
  return new InvalidInput("Invalid cursor: pass the nextCursor of a previous page.", {
    fields: [{ field: "cursor", message: refusal }],
  });
}

/** The common case: lists ordered by (time desc, id desc). */
export function encodeCursor(at: Date, id: string): string {
  return encodeKeyset([at, id]);
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [time, id] = decodeKeyset(cursor, ["n", "s"], "is not a cursor from this API");
  return { at: new Date(time as number), id: id as string };
}

/**
 * The rows after a cursor of a (lastMessageAt desc, id desc) list. The `lte` bound is implied by the OR
 * but PostgreSQL can only use it as an index bound when written out: without it, page N reads N × 50
 * index entries before its first row.
 */
export function cursorWhere(cursor: string): Prisma.ConversationWhereInput {
  const { at, id } = decodeCursor(cursor);
  return { lastMessageAt: { lte: at }, OR: [{ lastMessageAt: { lt: at } }, { lastMessageAt: at, id: { lt: id } }] };
}
