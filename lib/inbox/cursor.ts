// Opaque keyset cursors for lists ordered by (time desc, id desc): stable under concurrent inserts —
// a page never repeats or skips a row that did not itself change.
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidInput } from "@/lib/errors";

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

/**
 * The times a cursor may carry: years 1 to 9999 (epoch ms), which both databases and ISO-8601 take. A
 * cursor we made always holds one; a forged one (`[1e20, "x"]`) is refused with a 400 instead of
 * reaching the database as an invalid date.
 */
export const CURSOR_TIME_RANGE = { min: -62_135_596_800_000, max: 253_402_300_799_999 } as const;

export function isCursorTime(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= CURSOR_TIME_RANGE.min && (value as number) <= CURSOR_TIME_RANGE.max;
}

/** Ids in cursors are ours: short, and no NUL (PostgreSQL cannot compare text holding one). */
export function isCursorId(value: unknown): value is string {
  return typeof value === "string" && value.length <= 64 && !value.includes("\u0000");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (isCursorTime(time) && isCursorId(id)) {
      return { at: new Date(time), id };
    }
  } catch {
    // fall through
  }
  throw new InvalidInput("Invalid cursor: pass the nextCursor of a previous page.", {
    fields: [{ field: "cursor", message: "is not a cursor from this API" }],
  });
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
