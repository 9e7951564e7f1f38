// Searching text with Prisma: its `contains` (and case-insensitive `equals`) goes to LIKE / ILIKE as typed,
// so a "%" or "_" in a search box was a wildcard — "_" matched every row. One rule for every search: what
// the user typed means itself.

/** `text` with LIKE's wildcards and escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A case-insensitive filter for fields containing `text`, as typed. */
export function containsText(text: string) {
  return { contains: escapeLike(text), mode: "insensitive" as const };
}
