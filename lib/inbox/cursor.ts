// Opaque keyset cursors for lists ordered by (time desc, id desc): stable under concurrent inserts —
// a page never repeats or skips a row that did not itself change.
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidInput } from "@/lib/errors";

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof time === "number" && Number.isFinite(time) && typeof id === "string" && id.length <= 64) {
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
