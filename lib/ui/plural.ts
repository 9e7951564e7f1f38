// Counted words for every screen and message: "1 active ban", "3 strings", "1,234 users". One place
// decides singular or plural (Intl.PluralRules, so a count of 1 and "1.0" agree with the language's
// own rules) and one fixed locale writes the number, so the server and the browser render the same text.
const LOCALE = "en-US";
const rules = new Intl.PluralRules(LOCALE);
const numbers = new Intl.NumberFormat(LOCALE);

/** "1,234" */
export function formatCount(count: number): string {
  return numbers.format(count);
}

/** The word for `count`: `one` when the language says singular, else `other` (default: one + "s"). */
export function pluralWord(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === "one" ? one : other;
}

/** "1 active ban", "2 active bans", "1,500 identities" (with other = "identities"). */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${formatCount(count)} ${pluralWord(count, one, other)}`;
}
