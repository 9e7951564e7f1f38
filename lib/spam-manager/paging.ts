// Paging for the Spam Manager's lists: page-size rules, search, and pages (cursors: lib/db/cursor.ts).
import { z } from "zod";
import { decodeKeyset, encodeKeyset } from "@/lib/db/cursor";

// The keyset codec is lib/db/cursor.ts's (re-exported for the Spam Manager's lists).
export { decodeKeyset, encodeKeyset };

export const PAGE_SIZE = 50;

export const pagingSchema = {
  cursor: z.string().max(300).optional().describe("nextCursor of the previous page"),
  limit: z.coerce
    .number("must be a number")
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(PAGE_SIZE)
    .describe(`default ${PAGE_SIZE}`),
};

export const searchSchema = z.string().trim().max(200, "must be at most 200 characters").optional();

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The page and the cursor of the next one, from `limit + 1` fetched rows. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keysOf: (row: T) => Array<number | string | Date>,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset(keysOf(last)) : null };
}
