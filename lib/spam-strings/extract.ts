// Pulls the "spam strings" (domains, URLs, phone numbers, e-mail addresses) out of one message body,
// normalized the way the Spam Manager stores and compares them. Pure and synchronous: ingest calls it
// for every incoming message, so it avoids work (and allocation) wherever a cheap check can rule a
// library call out.
//
// Disguises: the finders read the text through read-text.ts, which undoes what spammers write to slip
// past filters — "hxxp://evil[.]com", "evil dot com", "name (at) mail (dot) com", invisible characters,
// links glued to emoji or CJK text — so the disguised and the plain form are one string. Each string
// also comes with how the message wrote it (`raw`) and whether a disguise was undone inside it
// (`obfuscated`): findSpamStrings. extractSpamStrings gives the values only.
//
// Hosts: the host of a link is what follows the last "@" of its authority (the part before the first
// "/", "?" or "#"), as browsers read it: "http://paypal.com@evil.com/login" goes to evil.com, whatever
// the text before the "@" says. That user information ("user:password@") is dropped from the url value:
// it is not where the link goes, it may hold credentials we should not store, and keeping it would let
// "http://a@evil.com" and "http://b@evil.com" pass as different strings.
// Internationalized hosts are stored in one form, the ASCII (punycode) one that DNS and the public
// suffix list use: "пример.рф" and "xn--e1afmkfd.xn--p1ai" are one string, and a look-alike such as
// "раураl.com" (Cyrillic letters) cannot pass for "paypal.com" on the Spam Manager's lists. The same
// holds for the domain part of e-mail addresses. Paths, queries and fragments stay as written, less
// trailing punctuation and unbalanced closing brackets ("(see example.com/x).", "example.com/a,,,").
//
// Phones: vanity numbers ("1-800-FLOWERS") are read with the telephone keypad, for toll-free NANP
// prefixes and capital letters only, and are not flagged obfuscated (businesses advertise that way).
// "O" typed for "0" inside a number ("O7781 482378") is read as 0 when the result is a valid number
// (not merely a possible one), and is flagged obfuscated.
import { domainToASCII } from "node:url";
import { findPhoneNumbersInText, isSupportedCountry, type CountryCode, type PhoneNumber } from "libphonenumber-js";
import { LinkifyIt, type Match } from "linkify-it";
import { parse as parseHost } from "tldts";
import { BoundedMap } from "@/lib/bounded-map";
import {
  ENGLISH_WORD_TLDS,
  FILE_EXTENSION_TLDS,
  STOP_WORDS,
  UNDERSCORE,
  isDisguisedSpan,
  originalEnd,
  originalStart,
  readText,
  useFuzzyTlds,
  type ReadText,
} from "./read-text";

export interface ExtractedSpamStrings {
  domains: string[];
  urls: string[];
  phones: string[];
  emails: string[];
}

export type SpamStringKind = "domain" | "url" | "phone" | "email";

export interface SpamStringValue {
  kind: SpamStringKind;
  value: string;
}

/** A string as found in one message: its normalized value, how the message wrote it, and whether that
 * was a disguise (refanged dots, schemes or "@", invisible characters inside, "O" for "0"). */
export interface FoundSpamString extends SpamStringValue {
  /** The text of the message the string was read from (for a domain, the link it came with). */
  raw: string;
  obfuscated: boolean;
}

export interface ExtractSpamStringsOptions {
  /** ISO 3166 region (libphonenumber-js country code) used for numbers written without +country code. */
  defaultRegion: string;
}

/** Fewer digits than this are short codes, prices, PINs… never a phone number we keep. */
export const MIN_PHONE_DIGITS = 7;

/** Longest raw form kept for a string (a URL can be as long as a message). */
export const MAX_RAW_LENGTH = 500;

// linkify-it's default fuzzy TLDs (com, net, org, … and every two-letter country code) plus the
// generic TLDs that dominate abuse reports. Deliberately not the whole root zone: chat text is full of
// "word.word" typos (a missing space after a full stop), and TLDs such as .love, .now, .how, .you or
// .call would turn those into links. Links with a scheme (https://hello.world) are not limited by it,
// nor are hosts whose dot was disguised ("evil[.]love": read-text.ts assumes a scheme for them).
const EXTRA_FUZZY_TLDS = [
  "xyz",
  "top",
  "icu",
  "club",
  "online",
  "site",
  "store",
  "website",
  "space",
  "tech",
  "app",
  "dev",
  "cyou",
  "sbs",
  "cfd",
  "bond",
  "buzz",
  "mobi",
  "vip",
  "monster",
  "link",
  "click",
  "loan",
  "ltd",
];

/** The linkify-it configuration the extractor uses (the benchmark builds its floor from the same). */
export function createLinkify(): LinkifyIt {
  // fuzzyIP: spam links to bare IPv4 hosts are common; four dot-separated octets rarely mean anything
  // else in a message (dates and phone numbers have three groups or bigger ones).
  // urlAuth: links with user information ("http://user:pw@host/") are matched whole, so the host after
  // the "@" is found; without it linkify-it stops at the "@" and reports "http://user" (or, for
  // "http://paypal.com@evil.com", the decoy paypal.com).
  return new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true, urlAuth: true }).tlds(
    EXTRA_FUZZY_TLDS,
    true,
  );
}

export interface PhoneFinderOptions {
  defaultCountry: CountryCode;
  // `extended: true` makes libphonenumber-js search with leniency POSSIBLE: numbers of a possible
  // length count even when the numbering plan says the range is unused (fictional 555 numbers too).
  extended: true;
}

const phoneOptionsByRegion = new Map<string, PhoneFinderOptions>();

/** True for a libphonenumber-js region code such as "US", "GB" or "DE". */
export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/** The options the extractor passes to the phone finder for a region (cached; validates the region). */
export function phoneFinderOptions(region: string): PhoneFinderOptions {
  let options = phoneOptionsByRegion.get(region);
  if (!options) {
    if (!isPhoneRegion(region))
      throw new RangeError(`Unknown phone region "${region}" (expected a code such as US, GB or DE)`);
    options = { defaultCountry: region, extended: true };
    phoneOptionsByRegion.set(region, options);
  }
  return options;
}

// One instance for the process: building linkify-it's regular expressions is the expensive part.
const linkify = createLinkify();
// linkify-it's TLD list as configured (lower-case), for the pre-check below and read-text.ts's rules.
const FUZZY_TLDS = new Set(linkify.__opts__.tlds.map((tld) => tld.toLowerCase()));
useFuzzyTlds(FUZZY_TLDS);

/** The strings of one message, with their raw forms and disguise flags: domains, then URLs, phones, e-mails. */
export function findSpamStrings(text: string, options: ExtractSpamStringsOptions): FoundSpamString[] {
  const read = readText(text);
  const where: Where = { domains: [], urls: [], phones: [], emails: [] };
  const values = collect(read, options, where);
  const strings: FoundSpamString[] = [];
  for (const kind of KIND_ORDER) {
    const list = values[KIND_LISTS[kind]];
    const spans = where[KIND_LISTS[kind]];
    for (let i = 0; i < list.length; i++) {
      const raw = text.slice(originalStart(read, spans[3 * i]!), originalEnd(read, spans[3 * i + 1]!));
      strings.push({
        kind,
        value: list[i]!,
        raw: raw.length > MAX_RAW_LENGTH ? raw.slice(0, MAX_RAW_LENGTH) : raw,
        obfuscated: spans[3 * i + 2] === 1,
      });
    }
  }
  return strings;
}

export function extractSpamStrings(text: string, options: ExtractSpamStringsOptions): ExtractedSpamStrings {
  return collect(readText(text), options, null);
}

/** The same result as one flat list, the shape ingest stores occurrences in. */
export function spamStringsOf(text: string, region: string): SpamStringValue[] {
  const { domains, urls, phones, emails } = extractSpamStrings(text, { defaultRegion: region });
  const values: SpamStringValue[] = [];
  for (const value of domains) values.push({ kind: "domain", value });
  for (const value of urls) values.push({ kind: "url", value });
  for (const value of phones) values.push({ kind: "phone", value });
  for (const value of emails) values.push({ kind: "email", value });
  return values;
}

// ─── collecting ──────────────────────────────────────────────────────────────────────────────────

type KindList = keyof ExtractedSpamStrings;
const KIND_ORDER: readonly SpamStringKind[] = ["domain", "url", "phone", "email"];
const KIND_LISTS: Record<SpamStringKind, KindList> = {
  domain: "domains",
  url: "urls",
  phone: "phones",
  email: "emails",
};

/** Per kind, [start, end, obfuscated (1) or not (0)] triples of the read text, parallel to the values. */
type Where = Record<KindList, number[]>;

/** What collecting fills: the values, and where each was found when the caller asks (ingest does,
 * through findSpamStrings; extractSpamStrings — the lists, the CLI, the benchmark — does not). */
interface Found {
  values: ExtractedSpamStrings;
  where: Where | null;
}

function collect(read: ReadText, options: ExtractSpamStringsOptions, where: Where | null): ExtractedSpamStrings {
  const phoneOptions = phoneFinderOptions(options.defaultRegion);
  const found: Found = { values: { domains: [], urls: [], phones: [], emails: [] }, where };
  const linkSpans = mayContainLink(read.text) ? collectLinksAndEmails(read, found) : NO_SPANS;
  collectPhones(read, phoneOptions, linkSpans, found);
  return found.values;
}

// Lists stay tiny (a message has a handful of strings), so a scan beats allocating a Set per call. A
// value written twice keeps its first place; a disguised writing wins over a plain one, so the
// occurrence shows the disguise.
function addOnce(found: Found, list: KindList, read: ReadText, value: string, start: number, end: number): void {
  addFound(found, list, value, start, end, found.where !== null && isDisguisedSpan(read, start, end));
}

function addFound(found: Found, list: KindList, value: string, start: number, end: number, obfuscated: boolean): void {
  const values = found.values[list];
  const index = values.indexOf(value);
  const where = found.where?.[list];
  if (index === -1) {
    values.push(value);
    where?.push(start, end, obfuscated ? 1 : 0);
  } else if (where && obfuscated && where[3 * index + 2] === 0) {
    where[3 * index] = start;
    where[3 * index + 1] = end;
    where[3 * index + 2] = 1;
  }
}

// ─── links and e-mail addresses ──────────────────────────────────────────────────────────────────

/** Start/end offsets of the accepted links and e-mails, flattened as [start0, end0, start1, end1, …]. */
type Spans = number[];
const NO_SPANS: Spans = [];

const IPV4_LIKE = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/;

// A cheap superset of what linkify-it can report and we then accept, so that most messages skip its
// (unicode-heavy) regular expressions: links with a scheme need "//", e-mails need "@", and a link
// without scheme needs a dotted host ending in a fuzzy TLD, or an IPv4 address.
function mayContainLink(text: string): boolean {
  if (text.includes("//") || text.includes("@")) return true;
  let checkedIp = false;
  for (let dot = text.indexOf("."); dot !== -1; dot = text.indexOf(".", dot + 1)) {
    const labelStart = dot + 1;
    const labelEnd = endOfLabel(text, labelStart);
    if (labelEnd === labelStart) continue;
    if (isAsciiDigitCode(text.charCodeAt(labelStart))) {
      if (!checkedIp && IPV4_LIKE.test(text)) return true;
      checkedIp = true;
    } else if (isFuzzyTld(text.slice(labelStart, labelEnd))) {
      return true;
    }
  }
  return false;
}

function endOfLabel(text: string, start: number): number {
  let end = start;
  while (end < text.length && isLabelChar(text, end)) end++;
  return end;
}

const NON_ASCII_LABEL_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isLabelChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiDigitCode(code) || isAsciiLetterCode(code) || code === 45; /* - */
  return NON_ASCII_LABEL_CHAR.test(text[index]!);
}

function isFuzzyTld(label: string): boolean {
  const lower = label.toLowerCase();
  return FUZZY_TLDS.has(lower) || lower.startsWith("xn--");
}

function isAsciiDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function collectLinksAndEmails(read: ReadText, found: Found): Spans {
  const matches = linkify.match(read.text);
  if (!matches) return NO_SPANS;
  const spans: Spans = [];
  for (const match of matches) {
    const accepted = match.schema === "mailto:" ? addEmail(read, match, found) : addLink(read, match, found);
    if (accepted) spans.push(match.index, match.lastIndex);
  }
  return spans;
}

function addEmail(read: ReadText, match: Match, found: Found): boolean {
  let address = match.raw.replace(MAILTO_PREFIX, "");
  // "{joe@joe.com}", "`joe@joe.com`": linkify-it reads the opening bracket as part of the name.
  let start = match.index + (match.raw.length - address.length);
  const leading = LEADING_NON_NAME.exec(address)![0].length;
  address = address.slice(leading).toLowerCase();
  start += leading;
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const host = asciiHost(address.slice(at + 1));
  if (host === null || !registrableHost(host)) return false;
  addOnce(found, "emails", read, address.slice(0, at + 1) + host, start, match.lastIndex);
  return true;
}

const MAILTO_PREFIX = /^mailto:/i;
const LEADING_NON_NAME = /^[^A-Za-z0-9_]*/;

function addLink(read: ReadText, match: Match, found: Found): boolean {
  const text = read.text;
  let start = match.index;
  let raw = match.raw;
  if (match.schema === "") {
    // linkify-it 6 reports "a=evil.com/x" or "👉evil.com" whole: the host starts after the last
    // character that cannot be in one.
    const lead = leadingGlue(raw);
    raw = raw.slice(lead);
    start += lead;
  }
  // Cashtags and hashtags ("$TVI.CA", "#test.com") are not links.
  const before = text.charCodeAt(start - 1);
  if (before === 36 /* $ */ || before === 35 /* # */) return false;
  // Only links with "//" carry user information (linkify-it's urlAuth); the rest starts at the host.
  const rest = match.schema === "" ? raw : withoutUserinfo(stripScheme(raw, match.schema));
  if (rest.charCodeAt(0) === 91 /* "[" */) return false; // IPv6 literals are not counted (no dotted host)
  const hostEnd = endOfHost(rest);
  const writtenHost = restoreUnderscores(rest.slice(0, hostEnd));
  const afterHost = rest.slice(hostEnd);
  if (
    match.schema === "" &&
    (looksLikeMissingSpace(writtenHost, afterHost) || looksLikeFileName(writtenHost, afterHost))
  )
    return false;
  const host = asciiHost(writtenHost.toLowerCase());
  if (host === null || hasBadUnderscore(host)) return false;
  const checked = registrableHost(host);
  if (!checked) return false;
  const shownHost =
    checked.domain !== null && checked.domain !== host && host.startsWith("www.") ? host.slice(4) : host;
  const tail = trimTrail(restoreUnderscores(afterHost));
  const end = match.lastIndex - (afterHost.length - tail.length);
  addOnce(found, "urls", read, shownHost + withoutLoneSlash(tail), start, end);
  if (checked.domain !== null) addOnce(found, "domains", read, checked.domain, start, end);
  return true;
}

/** How many leading characters of a fuzzy match cannot be in a host: linkify-it 6 reports
 * "a=evil.com/x" whole after "=", "|", "+", "^", "<", ">" or "~". (Emoji and CJK text glued to a
 * link were set apart by read-text.ts; a symbol may itself be a label, as in "➡.ws".) */
function leadingGlue(raw: string): number {
  let lead = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */ || code === 58 /* : */) break;
    if (code === 61 || code === 124 || code === 43 || code === 94 || code === 60 || code === 62 || code === 126)
      lead = i + 1;
  }
  return lead;
}

function stripScheme(raw: string, schema: string): string {
  if (schema === "//") return raw.slice(2);
  // http:, https:, ftp: — linkify-it only accepts them followed by "//".
  return raw.slice(schema.length + 2);
}

/**
 * The authority's host onwards: whatever precedes the last "@" before the path, query or fragment is user information.
 */
function withoutUserinfo(rest: string): string {
  let at = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */) break;
    if (code === 64 /* @ */) at = i;
  }
  return at === -1 ? rest : rest.slice(at + 1);
}

function restoreUnderscores(value: string): string {
  return value.includes(UNDERSCORE) ? value.replaceAll(UNDERSCORE, "_") : value;
}

/**
 * "_" may stand inside a subdomain label ("foo_bar.evil.com"), never at a label's edge or in the registrable domain.
 */
function hasBadUnderscore(host: string): boolean {
  if (!host.includes("_")) return false;
  const labels = host.split(".");
  if (labels.some((label) => label.startsWith("_") || label.endsWith("_"))) return true;
  return labels.length < 3 || labels[labels.length - 2]!.includes("_");
}

/**
 * The lower-cased host in its ASCII form: internationalized labels become punycode ("пример.рф" →
 * "xn--e1afmkfd.xn--p1ai"). Hosts that are ASCII already (nearly all) skip the conversion; null when
 * the name is no valid IDN.
 */
function asciiHost(host: string): string | null {
  if (isAscii(host)) return host;
  const ascii = domainToASCII(host);
  return ascii === "" ? null : ascii;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function endOfHost(rest: string): number {
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */ || code === 58 /* : */) return i;
  }
  return rest.length;
}

// Punctuation that ends a sentence or a clause after a link rather than belonging to it.
function isTrailingPunctuation(code: number): boolean {
  return code === 46 || code === 44 || code === 58 || code === 59 || code === 33 || code === 63 || code === 0x2019;
}

/**
 * Port, path, query and fragment without what a sentence adds after a link: trailing punctuation
 * ("example.com/a,,,", "yahoo.com/path:"), a possessive "'s", and closing brackets without an
 * opening one in the link ("(http://yahoo.com/!)"); balanced ones stay ("/wiki/Foo_(bar)").
 */
function trimTrail(afterHost: string): string {
  let end = afterHost.length;
  for (;;) {
    if (end === 0) break;
    const code = afterHost.charCodeAt(end - 1);
    if (isTrailingPunctuation(code)) {
      end--;
      continue;
    }
    if (
      (code === 115 || code === 83) /* s */ &&
      end >= 2 &&
      (afterHost.charCodeAt(end - 2) === 39 || afterHost.charCodeAt(end - 2) === 0x2019)
    ) {
      end -= 2;
      continue;
    }
    // A quote closes one opened in the link ("/blah_\"quoted\""), or the sentence's.
    if ((code === 34 || code === 39) && count(afterHost, afterHost[end - 1]!, end) % 2 === 1) {
      end--;
      continue;
    }
    const opener = code === 41 ? "(" : code === 93 ? "[" : code === 125 ? "{" : null;
    if (opener !== null && count(afterHost, opener, end) < count(afterHost, afterHost[end - 1]!, end)) {
      end--;
      continue;
    }
    break;
  }
  return end === afterHost.length ? afterHost : afterHost.slice(0, end);
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1 && i < end; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Port, path, query and fragment as written, minus a path that is only "/" ("x.com/", "x.com:81/"). */
function withoutLoneSlash(afterHost: string): string {
  const slash = afterHost.indexOf("/");
  const isLone = slash === afterHost.length - 1 && (slash === 0 || afterHost.charCodeAt(0) === 58); /* : */
  return isLone ? afterHost.slice(0, slash) : afterHost;
}

// The TLDs that are capitalised in a link often enough ("WinBig.Com", "Example.Net") and start a
// sentence rarely: generic ones that are no English word.
const CAPITALISED_LINK_TLDS = new Set([
  "com",
  "net",
  "org",
  "info",
  "biz",
  "edu",
  "gov",
  "xyz",
  "icu",
  "cyou",
  "sbs",
  "cfd",
  "mobi",
]);

// "news.By" or "prize.To": a capitalised word right after a full stop is the start of the next
// sentence, not a country-code TLD; "ok.so" or "it.is" are two words with the space forgotten. Only
// for links without scheme or "www.", which is where typos live, and only without a path or port
// ("Bit.Ly/3iXhvjG" is a link). Capitalised TLDs that start sentences rarely ("WinBig.Com",
// "example.Net", "Shop.De") are links.
function looksLikeMissingSpace(host: string, afterHost: string): boolean {
  if (host.length > 4 && host.slice(0, 4).toLowerCase() === "www.") return false;
  if (afterHost.length > 0 && (afterHost.charCodeAt(0) === 47 || afterHost.charCodeAt(0) === 58)) return false;
  const dot = host.lastIndexOf(".");
  const tld = host.slice(dot + 1);
  const lower = tld.toLowerCase();
  if (ENGLISH_WORD_TLDS.has(lower) && host.indexOf(".") === dot && STOP_WORDS.has(host.slice(0, dot).toLowerCase()))
    return true;
  const first = tld.charCodeAt(0);
  if (!(first >= 65 && first <= 90) || tld === tld.toUpperCase()) return false;
  if (CAPITALISED_LINK_TLDS.has(lower)) return false;
  return lower.length > 2 || ENGLISH_WORD_TLDS.has(lower);
}

// "setup.sh", "app.py", "main.rs", "README.md": a file name whose extension is also a country-code
// TLD. A link to such a host needs a scheme, "www." or a path to count.
function looksLikeFileName(host: string, afterHost: string): boolean {
  if (afterHost.length > 0) return false;
  const dot = host.lastIndexOf(".");
  const tld = host.slice(dot + 1).toLowerCase();
  return FILE_EXTENSION_TLDS.has(tld) && host.indexOf(".") === dot;
}

interface CheckedHost {
  /** Registrable domain (eTLD+1, private suffixes allowed); null for an IP address. */
  domain: string | null;
}

const IP_HOST: CheckedHost = { domain: null };
const WITH_PRIVATE_SUFFIXES = { allowPrivateDomains: true, extractHostname: false } as const;
const ICANN_ONLY = { extractHostname: false } as const;

/** A host counts when it is an IP address or a name under a known public suffix. */
function registrableHost(host: string): CheckedHost | null {
  const parsed = parseHost(host, WITH_PRIVATE_SUFFIXES);
  if (parsed.isIp) return IP_HOST;
  if (parsed.domain !== null && (parsed.isIcann || parsed.isPrivate)) return { domain: parsed.domain };
  // The host is itself a private suffix ("blogspot.com", "github.io"): by the ICANN rules alone it is
  // an ordinary registrable domain.
  if (parsed.isPrivate) {
    const icann = parseHost(host, ICANN_ONLY);
    if (icann.domain !== null && icann.isIcann) return { domain: icann.domain };
  }
  return null;
}

// ─── phone numbers ───────────────────────────────────────────────────────────────────────────────

// Digits libphonenumber-js reads: ASCII, fullwidth, Arabic-Indic and Extended Arabic-Indic.
function isPhoneDigitCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0x0660 && code <= 0x0669) ||
    (code >= 0x06f0 && code <= 0x06f9)
  );
}

function countPhoneDigits(text: string, from = 0, to = text.length): number {
  let digits = 0;
  for (let i = from; i < to; i++) if (isPhoneDigitCode(text.charCodeAt(i))) digits++;
  return digits;
}

// libphonenumber-js's VALID_PUNCTUATION: dashes, slashes, dots, white space, brackets and tildes.
function isPhonePunctuationCode(code: number): boolean {
  if (code < 128) {
    return (
      code === 32 ||
      code === 45 ||
      code === 46 ||
      code === 47 ||
      code === 40 ||
      code === 41 ||
      code === 91 ||
      code === 93 ||
      code === 126
    );
  }
  return (
    code === 0x00a0 ||
    code === 0x00ad ||
    code === 0x200b ||
    code === 0x2060 ||
    code === 0x3000 ||
    (code >= 0x2010 && code <= 0x2015) ||
    code === 0x2212 ||
    code === 0x30fc ||
    code === 0xff0d ||
    code === 0xff0f ||
    code === 0xff0e ||
    code === 0xff08 ||
    code === 0xff09 ||
    code === 0xff3b ||
    code === 0xff3d ||
    code === 0x2053 ||
    code === 0x223c ||
    code === 0xff5e
  );
}

/** "O" or "o" typed for a zero: next to a digit and to no other letter ("O7781 482378", not the "o"
 * of "08452810075over18's"). */
function isLetterOForZero(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code !== 79 && code !== 111) return false;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index + 1);
  if (isAsciiLetterCode(before) || isAsciiLetterCode(after)) return false;
  return isAsciiDigitCode(before) || isAsciiDigitCode(after);
}

// libphonenumber-js reads ", 555" or "; 555" after a number as an extension, which swallows the
// start of the next number in "call 555-123-4567, 555-987-6543". A separator it does not know keeps
// the numbers apart. It also misreads the fullwidth plus ("＋1 (650) …" in region SG gives +65…) and a
// doubled one ("++1 (650) …"). Each replacement is one character for another, so the searched text
// keeps its length and offsets still point into the read text.
const SEARCH_FIXES = /[,;＋]|\+\+/g;

function fixForSearch(match: string): string {
  if (match === "＋") return "+";
  if (match === "++") return " +";
  return "|";
}

function collectPhones(read: ReadText, options: PhoneFinderOptions, linkSpans: Spans, found: Found): void {
  const text = read.text;
  const windows = phoneWindows(text);
  if (windows.length) {
    // Same length as the text (one character for another), so offsets still point into the original.
    const searched = text.replace(SEARCH_FIXES, fixForSearch);
    const chosen = windowsWithinBudget(windows);
    for (let w = 0; w < windows.length; w += 2) {
      if (chosen !== null && !chosen.has(w)) continue;
      const from = windows[w]!;
      let windowText = searched.slice(from, windows[w + 1]);
      const zeros = lettersOForZero(text, from, windowText);
      if (zeros !== null) windowText = zeros.text;
      let previousEnd = -1;
      for (const { startsAt, endsAt, number } of phoneNumbersIn(windowText, options)) {
        const readO = zeros !== null && zeros.positions.some((p) => p >= startsAt && p < endsAt);
        collectPhone(read, from + startsAt, from + endsAt, number, linkSpans, from + previousEnd, readO, found);
        previousEnd = endsAt;
      }
    }
  }
  if (vanityCandidate && VANITY_GATE.test(text)) collectVanityNumbers(read, linkSpans, found);
}

/**
 * How many characters of a message's phone windows the finder reads. It costs up to ~9 µs a character
 * where candidates are dense: a 20,000-character message of "1.1.1.…" took 188 ms, "1 1 1 …" 111 ms (a
 * normal message's whole ingest costs ~1 ms), so a script could make every message it sends cost
 * hundreds of times more. Numbers written for people sit in short windows ("call 0800 123 4567 or"):
 * the shortest are read first, and a window that no longer fits is skipped whole (read in part, it could
 * yield a number cut short). Worst case now: ~10 ms a message.
 */
const PHONE_FINDER_BUDGET = 1_000;

/** The windows (by their index in `windows`) the finder reads, shortest first; null: all of them. */
function windowsWithinBudget(windows: number[]): Set<number> | null {
  let total = 0;
  for (let w = 0; w < windows.length; w += 2) total += windows[w + 1]! - windows[w]!;
  if (total <= PHONE_FINDER_BUDGET) return null;
  const byLength: number[] = [];
  for (let w = 0; w < windows.length; w += 2) byLength.push(w);
  byLength.sort((a, b) => windows[a + 1]! - windows[a]! - (windows[b + 1]! - windows[b]!) || a - b);
  const chosen = new Set<number>();
  let left = PHONE_FINDER_BUDGET;
  for (const w of byLength) {
    const length = windows[w + 1]! - windows[w]!;
    if (length > left) break;
    chosen.add(w);
    left -= length;
  }
  return chosen;
}

/**
 * libphonenumber's numbers in a window: the finder is extraction's costliest step, and a flood repeats the
 * same number in every message, so the answers for the latest short windows are kept (they are not changed
 * by their readers).
 */
const rememberedWindows = new BoundedMap<string, ReturnType<typeof findPhoneNumbersInText>>(10_000);
const REMEMBERED_WINDOW_LENGTH = 64;

function phoneNumbersIn(windowText: string, options: PhoneFinderOptions): ReturnType<typeof findPhoneNumbersInText> {
  if (windowText.length > REMEMBERED_WINDOW_LENGTH) return findPhoneNumbersInText(windowText, options);
  const key = `${options.defaultCountry}\u0000${windowText}`;
  let numbers = rememberedWindows.get(key);
  if (!numbers) {
    numbers = findPhoneNumbersInText(windowText, options);
    rememberedWindows.set(key, numbers);
  }
  return numbers;
}

/** The window (at `from` of the text) with each "O" typed for "0" read as "0", and where they were
 * in the window; null when it has none. Judged on the whole text: the window's edges cut words. */
function lettersOForZero(text: string, from: number, window: string): { text: string; positions: number[] } | null {
  let positions: number[] | null = null;
  for (let i = window.indexOf("O"); i !== -1; i = window.indexOf("O", i + 1))
    if (isLetterOForZero(text, from + i)) (positions ??= []).push(i);
  for (let i = window.indexOf("o"); i !== -1; i = window.indexOf("o", i + 1))
    if (isLetterOForZero(text, from + i)) (positions ??= []).push(i);
  if (positions === null) return null;
  // By code units, so offsets stay aligned with the text (one character for another).
  const units = window.split("");
  for (const p of positions) units[p] = "0";
  return { text: units.join(""), positions };
}

/** Set by phoneWindows: the text has digits followed by a capital letter, as vanity numbers do. */
let vanityCandidate = false;

/**
 * The stretches of a text that may hold a phone number, as [from, to) offset pairs. libphonenumber-js
 * only builds candidates from digits joined by phone punctuation (spaces, dashes, dots, slashes,
 * brackets, tildes), so a run with fewer than MIN_PHONE_DIGITS digits holds nothing we would keep.
 * Runs also take "+" (and the fullwidth "＋"), "O" typed for "0", and ":" so that a time such as
 * "10:30:15" reaches the finder whole; each window has one character of context either side (the
 * finder looks at a number's neighbours). The finder scans only these: most of a message is words,
 * and scanning them was most of extraction's time (bench figure 5), and most messages skip it.
 */
function phoneWindows(text: string): number[] {
  const windows: number[] = [];
  let runStart = -1;
  let digits = 0;
  // Where the last amount ended: "£5 07781 482378" is a price, then a number — the window starts
  // after the price (the finder would otherwise read "5 07781 482378" as one candidate).
  let amountEnd = 0;
  vanityCandidate = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code !== -1) {
      const digit = isPhoneDigitCode(code) || ((code === 79 || code === 111) && isLetterOForZero(text, i));
      if (
        digit ||
        isPhonePunctuationCode(code) ||
        code === 43 /* + */ ||
        code === 0xff0b /* ＋ */ ||
        code === 58 /* : */
      ) {
        if (digit && (runStart < 0 || digits === 0) && followsCurrencySymbol(text, i)) {
          i = endOfAmount(text, i) - 1;
          amountEnd = i + 1;
          runStart = -1;
          continue;
        }
        if (runStart < 0) {
          runStart = i;
          digits = 0;
        }
        if (digit) digits++;
        continue;
      }
    }
    if (runStart >= 0 && digits >= MIN_PHONE_DIGITS)
      windows.push(Math.max(amountEnd, runStart - 1), Math.min(text.length, i + 1));
    // "1-800-FLOWERS": a short run of digits followed by a capital letter.
    else if (runStart >= 0 && digits >= 3 && code >= 65 && code <= 90) vanityCandidate = true;
    runStart = -1;
  }
  return windows;
}

/** A currency symbol right before `index`, or one space before it ("$20", "€ 20"). */
function followsCurrencySymbol(text: string, index: number): boolean {
  return isCurrencySymbol(text[index - 1]) || (text.charCodeAt(index - 1) === 32 && isCurrencySymbol(text[index - 2]));
}

/** The end of an amount starting at `index`: digits, with "." or "," between digit groups ("1,299.99"). */
function endOfAmount(text: string, index: number): number {
  let end = index;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (isAsciiDigitCode(code)) end++;
    else if ((code === 46 || code === 44) && isAsciiDigitCode(text.charCodeAt(end + 1))) end++;
    else break;
  }
  return end;
}

/**
 * Keeps a number the finder found at [startsAt, endsAt) of the read text unless our conventions
 * exclude it. `previousEnd`: where the finder's previous number in the same window ended (or before
 * the window), so a second number after a first one is not taken for a fragment of it.
 */
function collectPhone(
  read: ReadText,
  startsAt: number,
  endsAt: number,
  number: PhoneNumber,
  linkSpans: Spans,
  previousEnd: number,
  readO: boolean,
  found: Found,
): void {
  const text = read.text;
  if (overlapsSpan(startsAt, endsAt, linkSpans)) return;
  const writtenDigits =
    countPhoneDigits(text, startsAt, endsAt) +
    (readO ? countLetterO(text, startsAt, endsAt) : 0) -
    (number.ext?.length ?? 0);
  if (writtenDigits < MIN_PHONE_DIGITS) return;
  if (isGluedToCode(text, startsAt, previousEnd) || isExtension(text, startsAt)) return;
  const written = text.slice(startsAt, endsAt);
  if (
    isAmount(text, written, startsAt, endsAt) ||
    isDate(written) ||
    isDecimal(text, written, startsAt) ||
    isOneDigitRepeated(number.nationalNumber)
  )
    return;
  // "O" for "0" is a guess: only a full-length number (10 digits or more, as national numbers with
  // their trunk prefix and international ones are) valid in its numbering plan is kept.
  if (readO && (writtenDigits < 10 || !number.isValid())) return;
  addFound(found, "phones", number.number, startsAt, endsAt, readO || isDisguisedSpan(read, startsAt, endsAt));
}

function countLetterO(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isLetterOForZero(text, i)) n++;
  return n;
}

function overlapsSpan(start: number, end: number, spans: Spans): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (start < spans[i + 1]! && end > spans[i]!) return true;
  }
  return false;
}

// Words people glue to a number in texts ("call09050000327", "Help08714742804", "at0800…"). Any other
// letters right before the digits make an alphanumeric code (ABC1234567, order A12345678B, ACL03530150PM).
const CALL_WORDS = new Set([
  "call",
  "calls",
  "ring",
  "dial",
  "phone",
  "ph",
  "tel",
  "mob",
  "mobile",
  "cell",
  "fax",
  "help",
  "helpline",
  "txt",
  "text",
  "sms",
  "whatsapp",
  "on",
  "no",
  "at",
]);

/** True when what precedes the number shows it is part of a code, a parameter or a longer number. */
function isGluedToCode(text: string, start: number, previousEnd: number): boolean {
  if (start === 0) return false;
  const before = text.charCodeAt(start - 1);
  if (isPhoneDigitCode(before) || before === 95 /* _ */ || before === 61 /* = */) return true;
  // "0845 2814032 16": when the whole run is no possible number, the finder retries its pieces and
  // may return "2814032" — a fragment, not the number that was written. Not so when the digits before
  // are the finder's previous number ("(415) 666-7777 (800) 443-1223") or an amount ("$20 415-…").
  if ((before === 32 || before === 45 || before === 46) && endsWithDigitGroup(text, start - 1, previousEnd))
    return true;
  // A number written with a leading "+" or "(" stands apart from the letters before it ("at+44 …").
  const first = text.charCodeAt(start);
  if (first === 43 || first === 0xff0b || first === 40) return false;
  let wordStart = start;
  while (wordStart > 0 && isCodeLetter(text, wordStart - 1)) wordStart--;
  if (wordStart === start) return false;
  return !CALL_WORDS.has(text.slice(wordStart, start).toLowerCase());
}

/**
 * True when text[..end) ends with digits that stand alone ("0845", not the "8" of "MobileUpd8") and
 * are neither the end of the finder's previous number (`previousEnd`) nor an amount ("$20", "20%").
 */
function endsWithDigitGroup(text: string, end: number, previousEnd: number): boolean {
  let groupStart = end;
  while (groupStart > 0 && isPhoneDigitCode(text.charCodeAt(groupStart - 1))) groupStart--;
  if (groupStart === end) return false;
  if (end <= previousEnd) return false;
  if (groupStart > 0 && isLetter(text, groupStart - 1)) return false;
  // An amount, its decimals and thousands included ("$1,299.99 415-…").
  let amountStart = groupStart;
  while (
    amountStart > 1 &&
    (text.charCodeAt(amountStart - 1) === 46 || text.charCodeAt(amountStart - 1) === 44) &&
    isAsciiDigitCode(text.charCodeAt(amountStart - 2))
  ) {
    amountStart--;
    while (amountStart > 0 && isAsciiDigitCode(text.charCodeAt(amountStart - 1))) amountStart--;
  }
  if (amountStart > 0 && followsCurrencySymbol(text, amountStart)) return false;
  return true;
}

// Words that introduce an extension: "…;x 7246433", "…; ext 123", "…, extension 12".
const EXTENSION_WORDS = new Set(["x", "ext", "extn", "extension", "int"]);

/** True when the number is the digits of an extension written after a first number. */
function isExtension(text: string, start: number): boolean {
  let end = start;
  while (
    end > 0 &&
    (text.charCodeAt(end - 1) === 32 ||
      text.charCodeAt(end - 1) === 46 ||
      text.charCodeAt(end - 1) === 58 ||
      text.charCodeAt(end - 1) === 61)
  )
    end--;
  let wordStart = end;
  while (wordStart > 0 && isAsciiLetterCode(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordStart === end || !EXTENSION_WORDS.has(text.slice(wordStart, end).toLowerCase())) return false;
  const before = text.charCodeAt(wordStart - 1);
  return before === 59 /* ; */ || before === 44 /* , */ || before === 32 || isPhoneDigitCode(before);
}

const NON_ASCII_LETTER = /\p{L}/u;
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiLetterCode(code);
  return NON_ASCII_LETTER.test(text[index]!);
}

/** A letter that glues a number into a code. Not CJK: those scripts write no spaces between words
 * and numbers ("お電話は09012345678まで"). */
function isCodeLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiLetterCode(code);
  return NON_ASCII_LETTER.test(text[index]!) && !CJK_LETTER.test(text[index]!);
}

const CURRENCY_SYMBOL = /\p{Sc}/u;
// "1.000.000" (dot-grouped thousands) and "1234567.89" (decimals). Comma-grouped amounts never get
// this far: commas split candidates (see SEARCH_FIXES).
const GROUPED_THOUSANDS = /^\d{1,3}(?:[.'’]\d{3})+$/;
const DECIMAL_AMOUNT = /^\d+[.]\d{1,2}$/;

function isAmount(text: string, written: string, start: number, end: number): boolean {
  if (GROUPED_THOUSANDS.test(written) || DECIMAL_AMOUNT.test(written)) return true;
  return hasCurrencySymbolAt(text, start - 1, -1) || hasCurrencySymbolAt(text, end, 1);
}

/** A currency symbol at `index`, or one space further in the direction of `step` ("£ 1500000"). */
function hasCurrencySymbolAt(text: string, index: number, step: 1 | -1): boolean {
  const char = text[index];
  if (char === " ") return isCurrencySymbol(text[index + step]);
  return isCurrencySymbol(char);
}

function isCurrencySymbol(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  // "$" is the only ASCII currency symbol; the regular expression only for the rest.
  return code < 128 ? code === 36 : CURRENCY_SYMBOL.test(char);
}

// "3.14159265", "51.5072178, -0.1275862": one to three digits, one dot and the decimals — a
// measurement or a coordinate, not a number anyone dials.
const DECIMAL = /^\d{1,3}\.\d+$/;

function isDecimal(text: string, written: string, start: number): boolean {
  if (!DECIMAL.test(written)) return false;
  return start === 0 || text.charCodeAt(start - 1) !== 46; /* not the tail of "1.2.3" */
}

/** "1111111111", "0000000": one digit over and over is a placeholder, not a number. */
function isOneDigitRepeated(nationalNumber: string): boolean {
  for (let i = 1; i < nationalNumber.length; i++)
    if (nationalNumber.charCodeAt(i) !== nationalNumber.charCodeAt(0)) return false;
  return true;
}

const YEAR_FIRST_DATE = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/;
const DAY_OR_MONTH_FIRST_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})$/;
const YEAR_RANGE = /^(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d$/;
// "20240521": a date written without separators (years 1900–2099).
const COMPACT_DATE = /^(?:19|20)\d\d(\d\d)(\d\d)$/;

function isDate(written: string): boolean {
  if (YEAR_RANGE.test(written)) return true;
  const compact = COMPACT_DATE.exec(written);
  if (compact) return isMonth(compact[1]!) && isDay(compact[2]!);
  const yearFirst = YEAR_FIRST_DATE.exec(written);
  if (yearFirst) return isMonth(yearFirst[3]!) && isDay(yearFirst[4]!);
  const dayOrMonthFirst = DAY_OR_MONTH_FIRST_DATE.exec(written);
  if (dayOrMonthFirst) {
    const [, first, , second] = dayOrMonthFirst as unknown as [string, string, string, string];
    return (isDay(first) && isMonth(second)) || (isMonth(first) && isDay(second));
  }
  return false;
}

function isMonth(value: string): boolean {
  const month = Number(value);
  return month >= 1 && month <= 12;
}

function isDay(value: string): boolean {
  const day = Number(value);
  return day >= 1 && day <= 31;
}

// ─── vanity numbers ──────────────────────────────────────────────────────────────────────────────

// "1-800-FLOWERS", "(888) GOT-JUNK", "+1 800 MATTRESS": a toll-free NANP prefix, then seven or more
// capital letters and digits (at least three letters) with dashes or dots between groups. Read with
// the telephone keypad; letters past the seventh are dropped, as a phone does when dialling.
const VANITY_GATE = /8(?:00|33|44|55|66|77|88)[-. )]/;
const VANITY = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?:\+?1[-. ]?)?(\(8(?:00|33|44|55|66|77|88)\)|8(?:00|33|44|55|66|77|88))[-. ]?` +
    String.raw`([A-Z0-9](?:[-.]?[A-Z0-9]){6,10})(?![-.]?[\p{L}\p{N}])`,
  "gu",
);
const KEYPAD: Record<string, string> = {
  A: "2",
  B: "2",
  C: "2",
  D: "3",
  E: "3",
  F: "3",
  G: "4",
  H: "4",
  I: "4",
  J: "5",
  K: "5",
  L: "5",
  M: "6",
  N: "6",
  O: "6",
  P: "7",
  Q: "7",
  R: "7",
  S: "7",
  T: "8",
  U: "8",
  V: "8",
  W: "9",
  X: "9",
  Y: "9",
  Z: "9",
};

function collectVanityNumbers(read: ReadText, linkSpans: Spans, found: Found): void {
  VANITY.lastIndex = 0;
  for (let match = VANITY.exec(read.text); match !== null; match = VANITY.exec(read.text)) {
    const alphanumerics = match[2]!.replace(/[-.]/g, "");
    let letters = 0;
    for (const char of alphanumerics) if (char >= "A" && char <= "Z") letters++;
    if (letters < 3) continue;
    const start = match.index;
    const end = start + match[0].length;
    if (overlapsSpan(start, end, linkSpans)) continue;
    const prefix = match[1]!.replace(/[()]/g, "");
    const digits = [...alphanumerics.slice(0, 7)].map((char) => KEYPAD[char] ?? char).join("");
    addOnce(found, "phones", read, `+1${prefix}${digits}`, start, end);
  }
}
