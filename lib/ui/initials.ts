// A contact's avatar letters: the first letter of the first two words ("Sofia Harris" → "SH", "Rex" → "R"), or
// none for a name without letters (a phone number, "+44 7700 900123"): the avatar shows a person instead.
// Client-safe.

export function initialsOf(name: string): string | null {
  const words = name.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const letters = words.slice(0, 2).map((word) => word.match(/\p{L}/u)![0]);
  return letters.length ? letters.join("").toLocaleUpperCase() : null;
}
