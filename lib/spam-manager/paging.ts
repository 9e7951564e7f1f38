// Opaque keyset cursors for the Spam Manager's lists and the page-size rules they share.
import { z } from "zod";
import { InvalidInput } from "@/lib/errors";
import { isCursorId, isCursorTime } from "@/lib/inbox/cursor";

export const PAGE_SIZE = 50;

export const pagingSchema = {
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(PAGE_SIZE),
};

export const searchSchema = z.string().trim().max(200, "must be at most 200 characters").optional();

/** A cursor over a list ordered by the given keys (numbers, times as epoch ms, ids). */
export function encodeKeyset(keys: Array<number | string | Date>): string {
  return Buffer.from(JSON.stringify(keys.map((key) => (key instanceof Date ? key.getTime() : key)))).toString("base64url");
}

const MAX_COUNT = 2_147_483_647;

/**
 * The keys of a cursor, checked against their expected types: "n" a number or epoch-ms time (whole,
 * within the years a time may have), "i" a count the database compares as an integer, "s" an id. A
 * forged key answers 400 instead of reaching the database out of range.
 */
export function decodeKeyset(cursor: string, shape: ReadonlyArray<"n" | "i" | "s">): Array<number | string> {
  try {
    const keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(keys) &&
      keys.length === shape.length &&
      keys.every((key, i) =>
        shape[i] === "n" ? isCursorTime(key) : shape[i] === "i" ? Number.isSafeInteger(key) && (key as number) >= 0 && (key as number) <= MAX_COUNT : isCursorId(key),
      )
    ) {
      return keys as Array<number | string>;
    }
  } catch {
    // fall through
  }
  throw new InvalidInput("Invalid cursor: pass the nextCursor of a previous page.", {
    fields: [{ field: "cursor", message: "is not a cursor from this list" }],
  });
}

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The page and the cursor of the next one, from `limit + 1` fetched rows. */
export function pageOf<T>(rows: T[], limit: number, keysOf: (row: T) => Array<number | string | Date>): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset(keysOf(last)) : null };
}
