// The text as the link and phone finders read it: spammers' disguises undone ("hxxp://evil[.]com" →
// "http://evil.com", "name (at) mail (dot) com" → "name@mail.com"), invisible characters dropped, and a
// space set between a link and the emoji, arrow or CJK text it is glued to. Every change is an edit
// kept with its place in the original, so a string found in the read text maps back to how the message
// wrote it (its raw form) and says whether a disguise was undone inside it (the `obfuscated` flag).
//
// Most messages need no edit at all: two native pre-checks rule most of them out, the others get one
// pass over the character codes that stops only where a rule can start, and a text without any edit
// comes back as it is.
//
// What is undone, and the guards that keep ordinary prose out (each rule has a negative test in
// extract.test.ts):
//   • defanged schemes: hxxp, hXXps, h**p, fxp with "://", "[:]//", "[://]", "(:)//", "__" …
//   • defanged dots "[.]" "(.)" "{.}" "[dot]" "(dot)" "{dot}" (spaces around allowed): always — nobody
//     writes them in prose; the host after one then counts whatever its TLD (as if it had a scheme).
//   • fullwidth and ideographic dots "．" "。" "｡" between ASCII label characters ("evil。com").
//   • word forms " dot " and spaced dots " . ": only between labels that end in a TLD of the
//     extractor's fuzzy list, not after a stop word ("the dot com era"), not between digits
//     ("5 dot 30"), not before a capitalised word ("end . Then"), and for TLDs that are English words
//     ("it", "to", "me"…) only with a path after. A dot spaced on one side only (" .NET") is prose.
//   • "@" written "[at]" "(at)" "{at}" "[@]" "(@)" "＠": always. " @ " before a domain. " at " only
//     before a domain whose dot is disguised too, never after a stop word or an advert's word ("look
//     at …", "buy at …"), and only when something says "address" (looksLikeWordFormAddress).
//   • invisible characters (zero-width spaces and joiners, soft hyphens, bidi marks and isolates):
//     dropped. Only those inside a string make it obfuscated; bidi marks around a link are how
//     right-to-left text is typed. Bidi overrides (U+202D/U+202E), which reverse what the reader sees,
//     make it obfuscated next to it too.
//   • separators (not disguises): a space between a link and an emoji, arrow or other symbol, or CJK
//     text glued to it; before a scheme glued to a word or symbol ("Click👉https://…", "a=https://…");
//     backticks read as spaces; "http://" assumed before host:port links ("evil.com:8080/x").
//   • "_" inside a subdomain ("foo_bar.evil.com"), which linkify-it does not read in hosts, is read as
//     a placeholder letter and given back as "_" (see UNDERSCORE).

/** An edit of the original text: `length` characters of the read text at `at` stand for
 * `fromLength` characters of the original at `from`. */
export interface Edit {
  at: number;
  length: number;
  from: number;
  fromLength: number;
  kind: EditKind;
}

/** neutral: a separator; disguise: a refanged character sequence; invisible: a dropped invisible
 * character (a disguise only inside a string); override: a dropped bidi override (a disguise inside
 * or right next to a string). */
export type EditKind = "neutral" | "disguise" | "invisible" | "override";

export interface ReadText {
  /** What the finders scan. */
  text: string;
  /** Ordered by position; null when the text is read as it is (most messages). */
  edits: Edit[] | null;
}

/**
 * How far a rule looks back or ahead for the host or token around it. A host name has at most 253
 * characters; the bound keeps a crafted message ("a_a_a_…", "a[.]a[.]…" over 20,000 characters)
 * linear instead of quadratic.
 */
const SCAN_LIMIT = 256;

/** Stands for "_" inside a subdomain while linkify-it reads the text (a private-use letter). */
export const UNDERSCORE = "\uE000";

/** Edits as collected, on original offsets, before the read text is built. */
interface PendingEdit {
  from: number;
  to: number;
  insert: string;
  kind: EditKind;
}

// ASCII characters a rule can start at: brackets, a backtick, ":" and "_", "h"/"f" of a scheme, and
// a space before a word form. Most characters of a message are none of these, and those that are
// mostly fail the next-character check (mayStartRule): one table look-up per character is what the
// scan costs on the messages the pre-checks let through.
const RULE_START = new Uint8Array(128);
for (const char of "[({`:_hHfF ") RULE_START[char.charCodeAt(0)] = 1;

// The edits of the text being read. readText is synchronous and not re-entered, so one list serves
// every call (no allocation for the many texts that need no edit).
let pending: PendingEdit[] = [];

function add(edit: PendingEdit): void {
  pending.push(edit);
}

// A superset of where the rules below can apply, as two regular expressions: a character that starts
// a rule (a bracket, a backtick, "_", the non-ASCII characters readNonAscii looks at), or a short
// sequence (a scheme-like word, a letter before ":digit", " dot ", " at ", " . ", " @ "). Two native
// scans rule out nine messages in ten of the SMS corpus before the character loop runs; measured,
// they cost a third of the loop (and of one regular expression with every pattern: its alternatives
// start with different characters, so it tries each at every position).
const MAY_NEED_EDITS_CHAR = /[[({`_\u00AD\u1100-\uFFFF]/;
const MAY_NEED_EDITS_WORD = /h[tx*][tx*]p|f[tx]p|[a-z]:\d| (?:dot|at|[.@]) /i;

export function readText(original: string): ReadText {
  if (!MAY_NEED_EDITS_CHAR.test(original) && !MAY_NEED_EDITS_WORD.test(original))
    return { text: original, edits: null };
  pending.length = 0;
  const length = original.length;
  for (let i = 0; i < length; i++) {
    const code = original.charCodeAt(i);
    let consumed = 0;
    if (code < 128) {
      if (RULE_START[code] === 1 && mayStartRule(original, i, code)) consumed = readAscii(original, i, code);
    } else if (code === 0x00ad || code >= 0x1100) {
      consumed = readNonAscii(original, i, code);
    }
    if (consumed > 1) i += consumed - 1;
  }
  if (pending.length === 0) return { text: original, edits: null };
  const edits = pending;
  pending = [];
  return build(original, edits);
}

function build(original: string, pending: PendingEdit[]): ReadText {
  // Collected in scan order except for schemes inserted at a token's start: sort (stable) by place.
  pending.sort((a, b) => a.from - b.from || a.to - b.to);
  const parts: string[] = [];
  const edits: Edit[] = [];
  let copied = 0;
  let at = 0;
  for (const edit of pending) {
    if (edit.from < copied) continue; // overlaps an earlier edit: the earlier one wins
    parts.push(original.slice(copied, edit.from));
    at += edit.from - copied;
    parts.push(edit.insert);
    edits.push({ at, length: edit.insert.length, from: edit.from, fromLength: edit.to - edit.from, kind: edit.kind });
    at += edit.insert.length;
    copied = edit.to;
  }
  parts.push(original.slice(copied));
  return { text: parts.join(""), edits };
}

// ─── mapping back ────────────────────────────────────────────────────────────────────────────────
// Edits are ordered and do not overlap, so their ends in the read text increase too: a binary search
// finds the first one that matters (a crafted message can hold thousands of edits and of links).

/** The index of the first edit whose read-text end (at + length) is at or after `position`. */
function firstEditEndingFrom(edits: Edit[], position: number): number {
  let low = 0;
  let high = edits.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const edit = edits[middle]!;
    if (edit.at + edit.length < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Original offset minus read-text offset after the edits before `index`. */
function deltaBefore(edits: Edit[], index: number): number {
  if (index === 0) return 0;
  const edit = edits[index - 1]!;
  return edit.from + edit.fromLength - (edit.at + edit.length);
}

/** The original offset where a string starting at `position` of the read text starts. */
export function originalStart(read: ReadText, position: number): number {
  const edits = read.edits;
  if (edits === null) return position;
  // Edits ending exactly at `position` lie before it (a dropped character before a link is not part of it).
  let index = firstEditEndingFrom(edits, position);
  while (index < edits.length && edits[index]!.at + edits[index]!.length <= position) index++;
  const edit = edits[index];
  if (edit && (position > edit.at || (position === edit.at && edit.length > 0))) return edit.from;
  return position + deltaBefore(edits, index);
}

/** The original offset where a string ending at `position` (exclusive) of the read text ends. */
export function originalEnd(read: ReadText, position: number): number {
  const edits = read.edits;
  if (edits === null) return position;
  // Edits ending before `position` lie before it; one that starts at or after it lies after it.
  let index = firstEditEndingFrom(edits, position);
  while (index < edits.length && edits[index]!.at + edits[index]!.length < position) index++;
  const edit = edits[index];
  if (edit && position > edit.at && position < edit.at + edit.length) return edit.from + edit.fromLength;
  // An edit ending exactly at `position` (a refanged "[.]" right before the end) lies before it.
  if (edit && edit.at + edit.length === position && edit.at < position) return edit.from + edit.fromLength;
  return position + deltaBefore(edits, index);
}

/** Whether a disguise was undone inside the read text's [start, end). */
export function isDisguisedSpan(read: ReadText, start: number, end: number): boolean {
  const edits = read.edits;
  if (edits === null) return false;
  for (let index = firstEditEndingFrom(edits, start); index < edits.length; index++) {
    const edit = edits[index]!;
    if (edit.at > end) break;
    switch (edit.kind) {
      case "disguise":
        if (edit.at < end && edit.at + edit.length > start) return true;
        break;
      case "invisible":
        if (edit.at > start && edit.at < end) return true;
        break;
      case "override":
        if (edit.at >= start && edit.at <= end) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// ─── ASCII rules ─────────────────────────────────────────────────────────────────────────────────

/** The next-character gate of each ASCII rule (most candidates stop here). */
function mayStartRule(text: string, i: number, code: number): boolean {
  const next = text.charCodeAt(i + 1);
  switch (code) {
    case 32 /* space */:
      return next === 100 || next === 68 || next === 97 || next === 65 || next === 46 || next === 64; /* d D a A . @ */
    case 104 /* h */:
    case 72 /* H */:
      return next === 116 || next === 84 || next === 120 || next === 88 || next === 42; /* t T x X * */
    case 102 /* f */:
    case 70 /* F */:
      return next === 116 || next === 84 || next === 120 || next === 88; /* t T x X */
    case 58 /* : */:
      return next >= 48 && next <= 57;
    default:
      return true;
  }
}

/** Applies the rules that start at an ASCII character; returns the characters consumed (0: none). */
function readAscii(text: string, i: number, code: number): number {
  switch (code) {
    case 91 /* [ */:
    case 40 /* ( */:
    case 123 /* { */:
      return readBracketed(text, i);
    case 32 /* space */:
      return readWordForm(text, i);
    case 96 /* ` */:
      add({ from: i, to: i + 1, insert: " ", kind: "neutral" });
      return 1;
    case 104 /* h */:
    case 72 /* H */:
    case 102 /* f */:
    case 70 /* F */:
      return readScheme(text, i);
    case 58 /* : */:
      readHostPort(text, i);
      return 0;
    case 95 /* _ */:
      readSubdomainUnderscore(text, i);
      return 0;
    default:
      return 0;
  }
}

// "[.]", "(dot)", "{at}", "[@]", "[/]", "[:]", with one optional space inside each bracket and one
// around the whole ("evil [.] com").
const BRACKETED = /[[({] ?(\.|dot|at|@|\/|:\/\/|:) ?[\])}]/iy;

function readBracketed(text: string, i: number): number {
  // Cheap gate: what follows the bracket can start one of the forms.
  const next = text.charCodeAt(i + 1) | 0x20;
  // (Lower-cased by | 0x20: "@" becomes 0x60, "D" and "A" become "d" and "a".)
  if (
    next !== 32 &&
    next !== 46 /* . */ &&
    next !== 0x60 /* @ */ &&
    next !== 47 /* / */ &&
    next !== 100 /* d */ &&
    next !== 97 /* a */
  )
    return 0;
  BRACKETED.lastIndex = i;
  const match = BRACKETED.exec(text);
  if (!match) return 0;
  const word = match[1]!.toLowerCase();
  let from = i;
  let to = i + match[0].length;
  if (word === "://" || word === ":") return 0; // only after a scheme word (readScheme)
  // A space on both sides goes with it: "evil [.] com" → "evil.com".
  if (text.charCodeAt(from - 1) === 32 && text.charCodeAt(to) === 32) {
    from--;
    to++;
  }
  if (!isLabelCharAt(text, from - 1)) return 0;
  if (word === "/") {
    add({ from, to, insert: "/", kind: "disguise" });
    return to - i;
  }
  if (!isLabelCharAt(text, to)) return 0;
  if (word === "at" || word === "@") {
    add({ from, to, insert: "@", kind: "disguise" });
  } else {
    add({ from, to, insert: ".", kind: "disguise" });
    assumeScheme(text, from);
  }
  return to - i;
}

/**
 * A host whose dot was written "[.]" is a link whatever its TLD: "http://" is assumed before it (a
 * neutral edit) unless it already has one, is part of an e-mail address, or a path. `dotAt` is where
 * the disguised dot starts in the original.
 */
function assumeScheme(text: string, dotAt: number): void {
  let start = dotAt;
  const limit = Math.max(0, dotAt - SCAN_LIMIT);
  while (
    start > limit &&
    (isLabelCharAt(text, start - 1) ||
      text.charCodeAt(start - 1) === 46 /* . */ ||
      isInvisibleCode(text.charCodeAt(start - 1)))
  )
    start--;
  // After "]" or ")" of an earlier disguised dot ("evil[.]co[.]uk", "evil (dot) co (dot) uk"): that
  // one assumed it already.
  const before = text.charCodeAt(text.charCodeAt(start - 1) === 32 ? start - 2 : start - 1);
  if (before === 93 /* ] */ || before === 41 /* ) */ || before === 125 /* } */) return;
  if (
    before === 64 /* @ */ ||
    before === 47 /* / */ ||
    before === 58 /* : */ ||
    before === 46 /* . */ ||
    before === 0xff20
  )
    return;
  if (isEmailDomain(text, start)) return;
  add({ from: start, to: start, insert: "http://", kind: "neutral" });
}

const AT_FORMS = ["[at]", "(at)", "{at}", "[@]", "(@)", "{@}", " at", "@", "＠"];

/** True when the domain starting at `start` follows an "@" written any way ("name [at] mail[.]com",
 * "name at mail (dot) com", "name＠mail[.]com"). */
function isEmailDomain(text: string, start: number): boolean {
  let end = start;
  if (text.charCodeAt(end - 1) === 32) end--;
  const before = text.slice(Math.max(0, end - 4), end).toLowerCase();
  return AT_FORMS.some((form) => before.endsWith(form));
}

// Schemes: a disguised one ("hxxp", "hXXps", "h**p", "fxp", "[:]//", "[://]", "(:)//", "__") is
// refanged; a plain one glued to what precedes it ("👉https://", "Clickhttps://", "a=https://") gets
// a space before it, except inside another link's query ("?u=https://…") and after "_", "@", "#" or "$".
const SCHEME = new RegExp(
  "([hH][tTxX*]{2}[pP][sS]?|[fF][tTxX][pP])" +
    String.raw`(\[:\]\/\/|\(:\)\/\/|\{:\}\/\/|\[:\/\/\]|\(:\/\/\)|:\[\/\/\]|\[:\]__|:__|__|:\/\/)`,
  "y",
);

function readScheme(text: string, i: number): number {
  // Cheap gate before the regular expression: "h" or "f" followed by a scheme-like second letter.
  const second = text.charCodeAt(i + 1) | 0x20;
  if (second !== 116 /* t */ && second !== 120 /* x */ && text.charCodeAt(i + 1) !== 42 /* * */) return 0;
  SCHEME.lastIndex = i;
  const match = SCHEME.exec(text);
  if (!match) return 0;
  const word = match[1]!;
  const separator = match[2]!;
  const lower = word.toLowerCase();
  const secure = lower.endsWith("s");
  const canonical = (lower.startsWith("f") ? "ftp" : secure ? "https" : "http") + "://";
  const disguised = (lower !== "http" && lower !== "https" && lower !== "ftp") || separator !== "://";
  if (needsSeparatorBefore(text, i)) add({ from: i, to: i, insert: " ", kind: "neutral" });
  if (disguised) add({ from: i, to: i + match[0].length, insert: canonical, kind: "disguise" });
  return match[0].length;
}

/**
 * Whether linkify-it needs a space before a scheme at `i` to see it: it reads one only at the start,
 * after white space or punctuation, "<" or ">". Not after "$", "_", "@" or "#" (cashtags, identifiers,
 * mentions and hashtags: not links, as twitter-text has it), nor inside another link ("…?u=https://").
 * Symbols and CJK text before it are set apart by setApart.
 */
function needsSeparatorBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const code = text.charCodeAt(i - 1);
  if (code < 128) {
    const glued =
      isAsciiLetterCode(code) ||
      isAsciiDigitCode(code) ||
      code === 43 /* + */ ||
      code === 61 /* = */ ||
      code === 94 /* ^ */ ||
      code === 124 /* | */ ||
      code === 126; /* ~ */
    if (!glued) return false;
  } else if (isGlueCode(text, i - 1, code) || !NON_ASCII_LABEL_CHAR.test(text[i - 1]!)) {
    return false;
  }
  // A link's query can be long: look further back than for a host, still bounded.
  let start = i;
  const limit = Math.max(0, i - 8 * SCAN_LIMIT);
  while (start > limit && !isSpaceCode(text.charCodeAt(start - 1))) start--;
  const token = text.slice(start, i);
  return !token.includes("://") && !token.includes("?");
}

// "evil.com:8080/x": linkify-it takes no port on a link without scheme, so "http://" is assumed
// before the host when a port of 1–5 digits follows a host with a fuzzy TLD, then "/" or the end of
// the token. "file.rs:42:5" (a source position) is not one: the TLD is a file extension, or ":" follows.
function readHostPort(text: string, colon: number): void {
  if (!isAsciiLetterCode(text.charCodeAt(colon - 1)) || !isAsciiDigitCode(text.charCodeAt(colon + 1))) return;
  let end = colon + 1;
  while (end < text.length && end - colon <= 6 && isAsciiDigitCode(text.charCodeAt(end))) end++;
  if (end - colon - 1 > 5) return;
  const after = text.charCodeAt(end);
  if (!(end === text.length || after === 47 /* / */ || isSpaceCode(after))) return;
  let start = colon;
  const limit = Math.max(0, colon - SCAN_LIMIT);
  while (
    start > limit &&
    (isAsciiLetterOrDigitAt(text, start - 1) || text.charCodeAt(start - 1) === 46 || text.charCodeAt(start - 1) === 45)
  )
    start--;
  if (start === limit && limit > 0) return;
  if (start > 0 && !isSpaceCode(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 40 /* ( */) return;
  const host = text.slice(start, colon);
  const dot = host.lastIndexOf(".");
  if (dot <= 0) return;
  const tld = host.slice(dot + 1).toLowerCase();
  if (!isFuzzyTldLabel(tld) || FILE_EXTENSION_TLDS.has(tld)) return;
  add({ from: start, to: start, insert: "http://", kind: "neutral" });
}

// "foo_bar.evil.com": "_" between letters or digits in a label followed by at least two more labels
// (so never in the registrable domain) and not in a path, query or e-mail address.
function readSubdomainUnderscore(text: string, i: number): void {
  if (!isAsciiLetterOrDigitAt(text, i - 1) || !isAsciiLetterOrDigitAt(text, i + 1)) return;
  let start = i;
  const limit = Math.max(0, i - SCAN_LIMIT);
  while (
    start > limit &&
    (isAsciiLetterOrDigitAt(text, start - 1) ||
      text.charCodeAt(start - 1) === 45 ||
      text.charCodeAt(start - 1) === 95 ||
      text.charCodeAt(start - 1) === 46)
  )
    start--;
  if (start === limit && limit > 0) return;
  const before = text.charCodeAt(start - 1);
  const afterScheme = text.startsWith("://", start - 3);
  if (start > 0 && !isSpaceCode(before) && !afterScheme && before !== 40 /* ( */) return;
  let end = i + 1;
  let dots = 0;
  const endLimit = Math.min(text.length, i + SCAN_LIMIT);
  while (end < endLimit) {
    const code = text.charCodeAt(end);
    if (code === 46 /* . */) dots++;
    else if (!(isAsciiLetterOrDigitAt(text, end) || code === 45 || code === 95)) break;
    end++;
  }
  if (end === endLimit && endLimit < text.length) return;
  if (text.charCodeAt(end) === 64 /* @ */ || dots < 2) return;
  // Only the underscore at i: the others in the token are seen when the scan reaches them.
  add({ from: i, to: i + 1, insert: UNDERSCORE, kind: "neutral" });
}

// ─── word forms: " dot ", " . ", " at ", " @ " ───────────────────────────────────────────────────

function readWordForm(text: string, space: number): number {
  const next = text.charCodeAt(space + 1);
  switch (next) {
    case 100 /* d */:
    case 68 /* D */:
      return wordFormAt(text, space, "dot");
    case 46 /* . */:
      return spacedDot(text, space);
    case 97 /* a */:
    case 65 /* A */:
      return wordFormAt(text, space, "at");
    case 64 /* @ */:
      return spacedAt(text, space);
    default:
      return 0;
  }
}

/** " dot " or " at " (any case, as one word) at `space`. */
function wordFormAt(text: string, space: number, word: "dot" | "at"): number {
  const end = space + 1 + word.length;
  if (text.charCodeAt(end) !== 32 || text.slice(space + 1, end).toLowerCase() !== word) return 0;
  const token = labelBefore(text, space);
  if (token === null) return 0;
  if (word === "dot") {
    const before = lastLabel(token);
    if (before === null || !isWordDotHost(text, end + 1, before)) return 0;
    add({ from: space, to: end + 1, insert: ".", kind: "disguise" });
    return end + 1 - space;
  }
  if (!isEmailLocalPart(token) || !hasDisguisedDotAhead(text, end + 1)) return 0;
  if (!looksLikeWordFormAddress(text, space, token, text.slice(space + 1, end))) return 0;
  add({ from: space, to: end + 1, insert: "@", kind: "disguise" });
  return end + 1 - space;
}

// Mail providers whose addresses people spell out ("john at gmail dot com").
const MAIL_PROVIDERS = new Set([
  "gmail",
  "googlemail",
  "yahoo",
  "ymail",
  "hotmail",
  "outlook",
  "live",
  "msn",
  "aol",
  "icloud",
  "me",
  "mac",
  "proton",
  "protonmail",
  "pm",
  "gmx",
  "yandex",
  "mail",
  "zoho",
  "qq",
  "163",
  "126",
  "naver",
  "web",
  "orange",
  "comcast",
]);
// Characters after which a clause starts: ":", ",", ";", brackets, quotes, dashes, line breaks…
const CLAUSE_START = new Set(
  [":", ",", ";", "(", "[", "{", "<", '"', "'", "-", "\u2013", "\u2014", "\n", "\r", "\t", "!", "?", ".", "\u2022"].map(
    (char) => char.charCodeAt(0),
  ),
);
// Words that announce an address ("email john at …", "contact sales at …").
const ADDRESS_CUES = new Set([
  "email",
  "e-mail",
  "mail",
  "mailto",
  "contact",
  "write",
  "reach",
  "address",
  "to",
  "me",
  "us",
  "at",
]);

/**
 * " at " is prose far more often than an "@" ("cheap stuff at shop(.)com" is a link, not the address
 * stuff@shop.com). With a disguised dot after it, it is read as "@" only when something else says
 * "address": the local part looks like a user name (digits, ".", "_", "-", "+"), "AT" is written in
 * capitals, the local part starts the text or a clause ("name at domain dot com", "…, name at …"), a
 * word or ":" announcing an address precedes it, or the domain is a mail provider.
 */
function looksLikeWordFormAddress(text: string, space: number, localPart: string, atWord: string): boolean {
  if (/[0-9._+-]/.test(localPart) || atWord === "AT") return true;
  const domainStart = space + 4;
  let domainEnd = domainStart;
  while (domainEnd < text.length && domainEnd - domainStart < 64 && isLabelCharAt(text, domainEnd)) domainEnd++;
  if (MAIL_PROVIDERS.has(text.slice(domainStart, domainEnd).toLowerCase())) return true;
  let cueEnd = space - localPart.length;
  while (cueEnd > 0 && text.charCodeAt(cueEnd - 1) === 32) cueEnd--;
  if (cueEnd === 0 || CLAUSE_START.has(text.charCodeAt(cueEnd - 1))) return true;
  let cueStart = cueEnd;
  while (
    cueStart > 0 &&
    cueEnd - cueStart < 16 &&
    (isLabelCharAt(text, cueStart - 1) || text.charCodeAt(cueStart - 1) === 45)
  )
    cueStart--;
  return ADDRESS_CUES.has(text.slice(cueStart, cueEnd).toLowerCase());
}

/** " . " (a dot with a space on both sides: "bit . ly/abc"). A dot with a space on one side only is
 * left alone: " .NET", "I love .net" and "end. then" are prose far more often than links. */
function spacedDot(text: string, space: number): number {
  if (text.charCodeAt(space + 2) !== 32) return 0;
  const before = lastLabel(labelBefore(text, space));
  if (before === null) return 0;
  const resumeAt = space + 3;
  if (!isWordDotHost(text, resumeAt, before)) return 0;
  add({ from: space, to: resumeAt, insert: ".", kind: "disguise" });
  return resumeAt - space;
}

/** " @ " between a local part and a domain ("john @ mail.com"). */
function spacedAt(text: string, space: number): number {
  if (text.charCodeAt(space + 2) !== 32) return 0;
  const before = labelBefore(text, space);
  if (before === null || !isEmailLocalPart(before)) return 0;
  const { labels } = labelsAhead(text, space + 3);
  if ((labels.length < 2 || !isFuzzyTldLabel(labels[labels.length - 1]!)) && !hasDisguisedDotAhead(text, space + 3))
    return 0;
  add({ from: space, to: space + 3, insert: "@", kind: "disguise" });
  return 3;
}

/**
 * Whether "<before><disguised dot><labels from resumeAt>" reads as a host: the label before is no stop
 * word and not all digits, and the labels after (plain or disguised dots between them) end in a fuzzy
 * TLD — one that is an English word ("it", "to") only when a path follows.
 */
function isWordDotHost(text: string, resumeAt: number, before: string): boolean {
  if (STOP_WORDS.has(before.toLowerCase()) || isAllDigits(before)) return false;
  const { labels, end } = labelsAhead(text, resumeAt);
  if (labels.length === 0) return false;
  const tld = labels[labels.length - 1]!;
  if (!isFuzzyTldLabel(tld)) return false;
  const lower = tld.toLowerCase();
  // Capitalised ("end . Then"): a sentence start unless the whole host is upper case.
  if (tld !== lower && tld !== tld.toUpperCase()) return false;
  if (ENGLISH_WORD_TLDS.has(lower) && text.charCodeAt(end) !== 47 /* / */) return false;
  return true;
}

/** The labels from `start`: label characters separated by ".", " dot ", "[.]" and the like. */
function labelsAhead(text: string, start: number): { labels: string[]; end: number } {
  const labels: string[] = [];
  let i = start;
  const limit = Math.min(text.length, start + SCAN_LIMIT);
  for (;;) {
    let end = i;
    while (end < limit && isLabelCharAt(text, end)) end++;
    if (end === i || (end === limit && limit < text.length)) break;
    labels.push(text.slice(i, end));
    const separator = dotSeparatorAt(text, end);
    if (separator === 0) return { labels, end };
    i = end + separator;
  }
  return { labels, end: i };
}

/** The length of a dot written any way at `i` ("." " dot " " . " "[.]" "(dot)" "．" "。"), or 0. */
function dotSeparatorAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === 46 || code === 0xff0e || code === 0x3002 || code === 0xff61) return isLabelCharAt(text, i + 1) ? 1 : 0;
  if (code === 32) {
    const lower = text.slice(i, i + 5).toLowerCase();
    if (lower === " dot ") return 5;
    if (lower.startsWith(" . ")) return 3;
  }
  BRACKETED.lastIndex = i + (code === 32 ? 1 : 0);
  const match = BRACKETED.exec(text);
  if (match) {
    const word = match[1]!.toLowerCase();
    if (word === "." || word === "dot")
      return BRACKETED.lastIndex - i + (text.charCodeAt(BRACKETED.lastIndex) === 32 ? 1 : 0);
  }
  return 0;
}

/** Whether the domain from `start` has a disguised dot (so " at " before it means "@"). */
function hasDisguisedDotAhead(text: string, start: number): boolean {
  let i = start;
  let labels = 0;
  let disguised = false;
  const limit = Math.min(text.length, start + SCAN_LIMIT);
  for (;;) {
    let end = i;
    while (end < limit && isLabelCharAt(text, end)) end++;
    if (end === i || (end === limit && limit < text.length)) return false;
    labels++;
    const separator = dotSeparatorAt(text, end);
    if (separator === 0) return disguised && labels >= 2 && isFuzzyTldLabel(text.slice(i, end));
    if (!(separator === 1 && text.charCodeAt(end) === 46)) disguised = true;
    i = end + separator;
  }
}

/** The dotted token (label characters and ".") right before `position`, or null. */
function labelBefore(text: string, position: number): string | null {
  let start = position;
  const limit = Math.max(0, position - SCAN_LIMIT);
  while (start > limit && (isLabelCharAt(text, start - 1) || text.charCodeAt(start - 1) === 46)) start--;
  return start === position ? null : text.slice(start, position);
}

/** The last label of a dotted token ("www.evil" → "evil"), or null when it ends with a dot. */
function lastLabel(token: string | null): string | null {
  if (token === null) return null;
  const lastDot = token.lastIndexOf(".");
  return lastDot === -1 ? token : token.slice(lastDot + 1) || null;
}

const EMAIL_LOCAL = /^[A-Za-z0-9][A-Za-z0-9._%+-]*$/;

function isEmailLocalPart(word: string): boolean {
  const lower = word.toLowerCase();
  return EMAIL_LOCAL.test(word) && !STOP_WORDS.has(lower) && !WORDS_BEFORE_AT.has(lower);
}

// What an advert says before " at " ("Buy at evil dot com", "Deals at …"): not a mailbox.
const WORDS_BEFORE_AT = new Set([
  "buy",
  "shop",
  "shopping",
  "order",
  "orders",
  "available",
  "sale",
  "sales-event",
  "deal",
  "deals",
  "visit",
  "find",
  "found",
  "click",
  "join",
  "register",
  "signup",
  "download",
  "win",
  "claim",
  "offer",
  "offers",
  "apply",
  "book",
  "sold",
  "online",
  "details",
  "price",
  "prices",
  "discount",
  "discounts",
  "free",
  "cheap",
  "best",
  "today",
  "tonight",
  "stuff",
  "things",
  "everything",
  "items",
  "products",
  "tickets",
]);

// ─── non-ASCII rules ─────────────────────────────────────────────────────────────────────────────

function readNonAscii(text: string, i: number, code: number): number {
  if (isInvisibleCode(code)) {
    // Zero-width (non-)joiners between letters of other scripts shape words (Persian, Malayalam, emoji
    // sequences); between ASCII characters they only hide a string from filters.
    if (
      (code === 0x200c || code === 0x200d) &&
      i > 0 &&
      (text.charCodeAt(i - 1) >= 128 || text.charCodeAt(i + 1) >= 128)
    )
      return 1;
    add({ from: i, to: i + 1, insert: "", kind: code === 0x202d || code === 0x202e ? "override" : "invisible" });
    return 1;
  }
  if (code === 0xff0e || code === 0x3002 || code === 0xff61) {
    // "evil．com", "evil。com": a dot between ASCII label characters (Japanese prose ends sentences
    // with "。" after CJK text, which this leaves alone).
    if (isAsciiLetterOrDigitAt(text, i - 1) && isAsciiLetterOrDigitAt(text, i + 1)) {
      add({ from: i, to: i + 1, insert: ".", kind: "disguise" });
      return 1;
    }
    return 0;
  }
  if (code === 0xff20 || code === 0xfe6b) {
    if (isLabelCharAt(text, i - 1) && isLabelCharAt(text, i + 1)) {
      add({ from: i, to: i + 1, insert: "@", kind: "disguise" });
      return 1;
    }
    return 0;
  }
  if (isGlueCode(text, i, code)) return setApart(text, i);
  return 0;
}

// Bidi marks, embeddings, overrides and isolates; zero-width space, non-joiner, joiner; word joiner
// and invisible operators; byte-order mark; soft hyphen; Mongolian vowel separator.
function isInvisibleCode(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const SYMBOL = /\p{S}/u;

/** CJK text or a symbol (emoji, arrows): characters a link is glued to without a space. */
function isGlueCode(text: string, i: number, code: number): boolean {
  if (isCjkCode(code)) return true;
  if (code >= 0xd800 && code <= 0xdbff) return SYMBOL.test(String.fromCodePoint(text.codePointAt(i)!));
  return code >= 0x2000 && SYMBOL.test(text[i]!);
}

function isCjkCode(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x303f && code !== 0x3002) || // CJK symbols and punctuation
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) || // Han
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f) // Hangul
  );
}

/**
 * A run of CJK or symbol characters starting at `i`: a space before it when it follows a link-like
 * token ("twitter.jp日本語", "example.com/path中国語"), and after it when ASCII letters or digits follow
 * ("中国語t.co/x", "👉evil.com"). Not after "://" or "/" (a symbol in an internationalized host such as
 * "http://✪df.ws"), and not after a "." (an internationalized TLD: "foobar.みんな").
 */
function setApart(text: string, i: number): number {
  let end = i;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 128 || !isGlueCode(text, end, code)) {
      // Emoji sequences: variation selectors and skin tones ride along.
      if (code === 0xfe0f || code === 0x200d) {
        end++;
        continue;
      }
      break;
    }
    end += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  const before = text.charCodeAt(i - 1);
  // After "/", a run that ends the token is the link's path ("example.com/䨹"); one followed by more
  // text is prose glued to it ("twitter.com/これは日本語です。example.com").
  const endsToken = end === text.length || isSpaceCode(text.charCodeAt(end));
  const splitBefore = isAsciiLetterOrDigitAt(text, i - 1) || (before === 47 /* / */ && !endsToken);
  if (i > 0 && splitBefore && tokenLooksLikeLink(text, i)) {
    add({ from: i, to: i, insert: " ", kind: "neutral" });
  }
  const previous = text.charCodeAt(i - 1);
  const inHost = previous === 47 /* / */ || previous === 46 /* . */ || previous === 45 /* - */;
  if (end < text.length && isAsciiLetterOrDigitAt(text, end) && !inHost) {
    add({ from: end, to: end, insert: " ", kind: "neutral" });
  }
  return end - i;
}

/** Whether the ASCII token ending at `end` holds a "." or "://" (so it may be a link). */
function tokenLooksLikeLink(text: string, end: number): boolean {
  let start = end;
  const limit = Math.max(0, end - SCAN_LIMIT);
  while (start > limit) {
    const code = text.charCodeAt(start - 1);
    if (code >= 128 || isSpaceCode(code)) break;
    start--;
  }
  const token = text.slice(start, end);
  return token.includes(".") && !token.endsWith(".");
}

// ─── shared character classes and word lists ─────────────────────────────────────────────────────

const NON_ASCII_LABEL_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** A character of a host label: ASCII letter, digit, "-", "_", or a non-ASCII letter, mark or digit. */
function isLabelCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiLetterCode(code) || isAsciiDigitCode(code) || code === 45 || code === 95;
  if (isCjkCode(code)) return false;
  return NON_ASCII_LABEL_CHAR.test(text[index]!);
}

function isAsciiLetterOrDigitAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return isAsciiLetterCode(code) || isAsciiDigitCode(code);
}

function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

function isAllDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!isAsciiDigitCode(word.charCodeAt(i))) return false;
  return true;
}

let fuzzyTlds: ReadonlySet<string> = new Set();

/** The extractor's fuzzy TLD list (set once by extract.ts, which owns linkify-it's configuration). */
export function useFuzzyTlds(tlds: Iterable<string>): void {
  fuzzyTlds = new Set([...tlds].map((tld) => tld.toLowerCase()));
}

function isFuzzyTldLabel(label: string): boolean {
  return fuzzyTlds.has(label.toLowerCase());
}

/**
 * Words that end prose before " dot ", " . " or " at " (and before a ".so"-like TLD: extract.ts) ("the dot com era",
 * "look at mail dot com").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "this",
  "that",
  "these",
  "those",
  "it",
  "its",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "am",
  "i",
  "me",
  "my",
  "we",
  "us",
  "our",
  "you",
  "your",
  "he",
  "him",
  "his",
  "she",
  "her",
  "they",
  "them",
  "their",
  "and",
  "or",
  "but",
  "so",
  "if",
  "of",
  "in",
  "on",
  "at",
  "to",
  "for",
  "from",
  "with",
  "by",
  "as",
  "into",
  "about",
  "look",
  "looking",
  "looked",
  "arrive",
  "arrived",
  "arriving",
  "meet",
  "see",
  "stay",
  "home",
  "here",
  "there",
  "where",
  "when",
  "what",
  "who",
  "how",
  "why",
  "one",
  "all",
  "not",
  "no",
  "yes",
  "ok",
  "okay",
  "then",
  "now",
  "big",
  "new",
  "old",
  "first",
  "last",
  "end",
  "bubble",
  "era",
  "boom",
  "crash",
  "company",
  "companies",
  "work",
  "works",
  "working",
  "office",
  "school",
  "call",
  "text",
  "visit",
  "go",
  "come",
  "do",
  "did",
  "done",
  "get",
  "got",
  "will",
  "would",
  "can",
  "could",
  "should",
  "must",
  "may",
  "might",
  "just",
  "only",
  "also",
  "still",
  "even",
  "oh",
  "ah",
  "uh",
  "um",
  "hmm",
  "yeah",
  "wow",
  "lol",
  "any",
  "some",
  "every",
  "each",
  "more",
  "less",
  "much",
]);

/** Two-letter country-code TLDs that are English words: a sentence typo before a link. */
export const ENGLISH_WORD_TLDS: ReadonlySet<string> = new Set([
  "am",
  "as",
  "at",
  "be",
  "by",
  "do",
  "go",
  "hi",
  "in",
  "is",
  "it",
  "me",
  "my",
  "no",
  "so",
  "to",
  "us",
  "we",
]);

/**
 * Country-code TLDs that are also common file extensions: "setup.sh", "app.py", "main.rs", "index.md"
 * are file names in a message, not links, unless written with a scheme, "www." or a path.
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set(["sh", "py", "rs", "md", "pm", "ps", "mk"]);
