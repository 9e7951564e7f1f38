// What every input goes through at the boundary, whatever its schema (parseInput, readJson, the API's
// path and query parameters). Text is stored in PostgreSQL, which refuses NUL (U+0000) in text and
// jsonb, and stores lone UTF-16 surrogates as U+FFFD; deep nesting overflows the stack of recursive
// validators (z.json) and of JSON.stringify. The rules, decided once:
// - NUL: incoming messages (the channels' and the widget's) are stored with NUL removed — a message is
//   never lost — while any other field with a NUL is refused with a 400 that names it.
// - Lone surrogates (half of a UTF-16 pair, e.g. "\ud800") become U+FFFD everywhere, which is what the
//   database would store anyway: the answer, the realtime event and a later read then agree.
// - Bidi controls (U+202A–U+202E, U+2066–U+2069) are kept as sent: right-to-left names and messages
//   use them, and a message is evidence. The UI keeps each element's text in its own bidi isolate
//   (app/globals.css), so an override cannot reorder the text around it.
// - Nesting deeper than MAX_INPUT_DEPTH arrays/objects is refused with a 400 (request bodies: before they
//   are parsed).
export const NUL = "\u0000";
export const MAX_INPUT_DEPTH = 64;

export type InputPath = Array<string | number>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether arrays and objects nest deeper than `max` (checked without recursion: any depth is safe to ask). */
export function exceedsDepth(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, read before it is parsed: JSON.parse of
 * deeply nested text costs far more than of flat text of the same size (1 MB of "[" kept the main thread
 * busy ~0.8 s, a 1 MB string ~10 ms), so depth is refused before the parse, in one pass over the text.
 * Brackets inside strings do not count. Any text may be asked; malformed JSON is the parse's to refuse.
 */
export function jsonNestsDeeperThan(text: string, max = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first string (or object key) containing a NUL, or null. */
export function findNul(value: unknown, path: InputPath = []): InputPath | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(NUL)) return [...path, key];
      const found = findNul(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Every string (and object key) passed through `fix`; containers are copied only where something changed. */
function mapStrings<T>(value: T, fix: (text: string) => string): T {
  if (typeof value === "string") return fix(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const mapped = value.map((item) => {
      const next = mapStrings(item, fix);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? mapped : value) as T;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, child]) => {
      const nextKey = fix(key);
      const next = mapStrings(child, fix);
      if (nextKey !== key || next !== child) changed = true;
      return [nextKey, next] as const;
    });
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}

/** NUL removed from every string: what incoming messages get instead of a refusal. */
export function withoutNul<T>(value: T): T {
  return mapStrings(value, (text) => (text.includes(NUL) ? text.replaceAll(NUL, "") : text));
}

/** Lone surrogates replaced by U+FFFD in every string, as UTF-8 storage would. */
export function wellFormed<T>(value: T): T {
  return mapStrings(value, (text) => (LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, "\uFFFD") : text));
}

/** A field path as error details name it ("contact.name", "conversationIds.0"). */
export function fieldName(path: InputPath): string {
  return path.map(String).join(".") || "(body)";
}
