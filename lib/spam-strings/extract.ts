// Pulls the "spam strings" (domains, URLs, phone numbers, e-mail addresses) out of one message body,
// normalized the way the Spam Manager stores and compares them. Pure and synchronous: ingest calls it
// for every incoming message, so it avoids work (and allocation) wherever a cheap check can rule a
// library call out.
//
// Hosts: the host of a link is what follows the last "@" of its authority (the part before the first
// "/", "?" or "#"), as browsers read it: "http://paypal.com@evil.com/login" goes to evil.com, whatever
// the text before the "@" says. That user information ("user:password@") is dropped from the url value:
// it is not where the link goes, it may hold credentials we should not store, and keeping it would let
// "http://a@evil.com" and "http://b@evil.com" pass as different strings.
// Internationalized hosts are stored in one form, the ASCII (punycode) one that DNS and the public
// suffix list use: "пример.рф" and "xn--e1afmkfd.xn--p1ai" are one string, and a look-alike such as
// "раураl.com" (Cyrillic letters) cannot pass for "paypal.com" on the Spam Manager's lists. The same
// holds for the domain part of e-mail addresses. Paths, queries and fragments stay as written.
import { domainToASCII } from "node:url";
import { findPhoneNumbersInText, isSupportedCountry, type CountryCode, type PhoneNumber } from "libphonenumber-js";
import { LinkifyIt, type Match } from "linkify-it";
import { parse as parseHost } from "tldts";

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

export interface ExtractSpamStringsOptions {
  /** ISO 3166 region (libphonenumber-js country code) used for numbers written without +country code. */
  defaultRegion: string;
}

/** Fewer digits than this are short codes, prices, PINs… never a phone number we keep. */
export const MIN_PHONE_DIGITS = 7;

// linkify-it's default fuzzy TLDs (com, net, org, … and every two-letter country code) plus the
// generic TLDs that dominate abuse reports. Deliberately not the whole root zone: chat text is full of
// "word.word" typos (a missing space after a full stop), and TLDs such as .love, .now, .how, .you or
// .call would turn those into links. Links with a scheme (https://hello.world) are not limited by it.
const EXTRA_FUZZY_TLDS = [
  "xyz", "top", "icu", "club", "online", "site", "store", "website", "space", "tech", "app", "dev",
  "cyou", "sbs", "cfd", "bond", "buzz", "mobi", "vip", "monster", "link", "click", "loan", "ltd",
];

/** The linkify-it configuration the extractor uses (the benchmark builds its floor from the same). */
export function createLinkify(): LinkifyIt {
  // fuzzyIP: spam links to bare IPv4 hosts are common; four dot-separated octets rarely mean anything
  // else in a message (dates and phone numbers have three groups or bigger ones).
  // urlAuth: links with user information ("http://user:pw@host/") are matched whole, so the host after
  // the "@" is found; without it linkify-it stops at the "@" and reports "http://user" (or, for
  // "http://paypal.com@evil.com", the decoy paypal.com).
  return new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true, urlAuth: true }).tlds(EXTRA_FUZZY_TLDS, true);
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
    if (!isPhoneRegion(region)) throw new RangeError(`Unknown phone region "${region}" (expected a code such as US, GB or DE)`);
    options = { defaultCountry: region, extended: true };
    phoneOptionsByRegion.set(region, options);
  }
  return options;
}

// One instance for the process: building linkify-it's regular expressions is the expensive part.
const linkify = createLinkify();

export function extractSpamStrings(text: string, options: ExtractSpamStringsOptions): ExtractedSpamStrings {
  const phoneOptions = phoneFinderOptions(options.defaultRegion);
  const result: ExtractedSpamStrings = { domains: [], urls: [], phones: [], emails: [] };
  const linkSpans = mayContainLink(text) ? collectLinksAndEmails(text, result) : NO_SPANS;
  collectPhones(text, phoneOptions, linkSpans, result);
  return result;
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

// ─── links and e-mail addresses ──────────────────────────────────────────────────────────────────

/** Start/end offsets of the accepted links and e-mails, flattened as [start0, end0, start1, end1, …]. */
type Spans = number[];
const NO_SPANS: Spans = [];

// linkify-it's TLD list as configured (lower-case), for the pre-check below.
const FUZZY_TLDS = new Set(linkify.__opts__.tlds.map((tld) => tld.toLowerCase()));
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

function collectLinksAndEmails(text: string, out: ExtractedSpamStrings): Spans {
  const matches = linkify.match(text);
  if (!matches) return NO_SPANS;
  const spans: Spans = [];
  for (const match of matches) {
    const accepted = match.schema === "mailto:" ? addEmail(match, out) : addLink(match, out);
    if (accepted) spans.push(match.index, match.lastIndex);
  }
  return spans;
}

function addEmail(match: Match, out: ExtractedSpamStrings): boolean {
  const address = match.raw.replace(MAILTO_PREFIX, "").toLowerCase();
  const at = address.lastIndexOf("@");
  const host = asciiHost(address.slice(at + 1));
  if (host === null || !registrableHost(host)) return false;
  addOnce(out.emails, address.slice(0, at + 1) + host);
  return true;
}

const MAILTO_PREFIX = /^mailto:/i;

function addLink(match: Match, out: ExtractedSpamStrings): boolean {
  // Only links with "//" carry user information (linkify-it's urlAuth); the rest starts at the host.
  const rest = match.schema === "" ? stripScheme(match) : withoutUserinfo(stripScheme(match));
  if (rest.charCodeAt(0) === 91 /* "[" */) return false; // IPv6 literals are not counted (no dotted host)
  const hostEnd = endOfHost(rest);
  const writtenHost = rest.slice(0, hostEnd);
  if (match.schema === "" && looksLikeMissingSpace(writtenHost)) return false;
  const host = asciiHost(writtenHost.toLowerCase());
  if (host === null) return false;
  const checked = registrableHost(host);
  if (!checked) return false;
  const shownHost = checked.domain !== null && checked.domain !== host && host.startsWith("www.") ? host.slice(4) : host;
  addOnce(out.urls, shownHost + withoutLoneSlash(rest.slice(hostEnd)));
  if (checked.domain !== null) addOnce(out.domains, checked.domain);
  return true;
}

function stripScheme(match: Match): string {
  const { raw, schema } = match;
  if (schema === "") return raw;
  if (schema === "//") return raw.slice(2);
  // http:, https:, ftp: — linkify-it only accepts them followed by "//".
  return raw.slice(schema.length + 2);
}

/** The authority's host onwards: whatever precedes the last "@" before the path, query or fragment is user information. */
function withoutUserinfo(rest: string): string {
  let at = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */) break;
    if (code === 64 /* @ */) at = i;
  }
  return at === -1 ? rest : rest.slice(at + 1);
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

/** Port, path, query and fragment as written, minus a path that is only "/" ("x.com/", "x.com:81/"). */
function withoutLoneSlash(afterHost: string): string {
  const slash = afterHost.indexOf("/");
  const isLone = slash === afterHost.length - 1 && (slash === 0 || afterHost.charCodeAt(0) === 58); /* : */
  return isLone ? afterHost.slice(0, slash) : afterHost;
}

// "news.By" or "u.So": a capitalised word right after a full stop is the start of the next sentence,
// not a country-code TLD. Only for links without scheme or "www.", which is where typos live.
function looksLikeMissingSpace(host: string): boolean {
  if (host.length > 4 && host.slice(0, 4).toLowerCase() === "www.") return false;
  const tld = host.slice(host.lastIndexOf(".") + 1);
  const first = tld.charCodeAt(0);
  return first >= 65 && first <= 90 && tld !== tld.toUpperCase();
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
    return code === 32 || code === 45 || code === 46 || code === 47 || code === 40 || code === 41 || code === 91 || code === 93 || code === 126;
  }
  return (
    code === 0x00a0 || code === 0x00ad || code === 0x200b || code === 0x2060 || code === 0x3000 ||
    (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0x30fc || code === 0xff0d ||
    code === 0xff0f || code === 0xff0e || code === 0xff08 || code === 0xff09 || code === 0xff3b ||
    code === 0xff3d || code === 0x2053 || code === 0x223c || code === 0xff5e
  );
}

// libphonenumber-js reads ", 555" or "; 555" after a number as an extension, which swallows the
// start of the next number in "call 555-123-4567, 555-987-6543". A separator it does not know keeps
// the numbers apart; the text keeps its length, so offsets still point into the original.
const LIST_SEPARATORS = /[,;]/g;

function collectPhones(text: string, options: PhoneFinderOptions, linkSpans: Spans, out: ExtractedSpamStrings): void {
  const windows = phoneWindows(text);
  if (!windows.length) return;
  // Same length as the text (one character for another), so offsets still point into the original.
  const searched = text.replace(LIST_SEPARATORS, "|");
  for (let w = 0; w < windows.length; w += 2) {
    const from = windows[w]!;
    for (const { startsAt, endsAt, number } of findPhoneNumbersInText(searched.slice(from, windows[w + 1]), options)) {
      collectPhone(text, from + startsAt, from + endsAt, number, linkSpans, out);
    }
  }
}

/**
 * The stretches of a text that may hold a phone number, as [from, to) offset pairs. libphonenumber-js
 * only builds candidates from digits joined by phone punctuation (spaces, dashes, dots, slashes,
 * brackets, tildes), so a run with fewer than MIN_PHONE_DIGITS digits holds nothing we would keep.
 * Runs also take "+", and ":" so that a time such as "10:30:15" reaches the finder whole; each window
 * has one character of context either side (the finder looks at a number's neighbours). The finder
 * scans only these: most of a message is words, and scanning them was most of extraction's time
 * (bench figure 5; the same phones over the SMS corpus, 1.7× faster), and most messages skip it.
 */
function phoneWindows(text: string): number[] {
  const windows: number[] = [];
  let runStart = -1;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code !== -1 && (isPhoneDigitCode(code) || isPhonePunctuationCode(code) || code === 43 /* + */ || code === 58 /* : */)) {
      if (runStart < 0) {
        runStart = i;
        digits = 0;
      }
      if (isPhoneDigitCode(code)) digits++;
      continue;
    }
    if (runStart >= 0 && digits >= MIN_PHONE_DIGITS) windows.push(Math.max(0, runStart - 1), Math.min(text.length, i + 1));
    runStart = -1;
  }
  return windows;
}

/** Keeps a number the finder found at [startsAt, endsAt) of the text unless our conventions exclude it. */
function collectPhone(text: string, startsAt: number, endsAt: number, number: PhoneNumber, linkSpans: Spans, out: ExtractedSpamStrings): void {
  if (overlapsSpan(startsAt, endsAt, linkSpans)) return;
  const writtenDigits = countPhoneDigits(text, startsAt, endsAt) - (number.ext?.length ?? 0);
  if (writtenDigits < MIN_PHONE_DIGITS) return;
  if (isGluedToCode(text, startsAt)) return;
  const written = text.slice(startsAt, endsAt);
  if (isAmount(text, written, startsAt, endsAt) || isDate(written)) return;
  addOnce(out.phones, number.number);
}

function overlapsSpan(start: number, end: number, spans: Spans): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (start < spans[i + 1]! && end > spans[i]!) return true;
  }
  return false;
}

// Words people glue to a number in texts ("call09050000327", "Help08714742804"). Any other letters
// right before the digits make an alphanumeric code (ABC1234567, order A12345678B, ACL03530150PM).
const CALL_WORDS = new Set([
  "call", "calls", "ring", "dial", "phone", "ph", "tel", "mob", "mobile", "cell", "fax", "help", "helpline",
  "txt", "text", "sms", "whatsapp", "on", "no",
]);

/** True when what precedes the number shows it is part of a code, a parameter or a longer number. */
function isGluedToCode(text: string, start: number): boolean {
  if (start === 0) return false;
  const before = text.charCodeAt(start - 1);
  if (isPhoneDigitCode(before) || before === 95 /* _ */ || before === 61 /* = */) return true;
  // "0845 2814032 16": when the whole run is no possible number, the finder retries its pieces and
  // may return "2814032" — a fragment, not the number that was written.
  if ((before === 32 || before === 45 || before === 46) && endsWithDigitGroup(text, start - 1)) return true;
  let wordStart = start;
  while (wordStart > 0 && isLetter(text, wordStart - 1)) wordStart--;
  if (wordStart === start) return false;
  return !CALL_WORDS.has(text.slice(wordStart, start).toLowerCase());
}

/** True when text[..end) ends with digits that stand alone ("0845", not the "8" of "MobileUpd8"). */
function endsWithDigitGroup(text: string, end: number): boolean {
  let groupStart = end;
  while (groupStart > 0 && isPhoneDigitCode(text.charCodeAt(groupStart - 1))) groupStart--;
  return groupStart < end && (groupStart === 0 || !isLetter(text, groupStart - 1));
}

const NON_ASCII_LETTER = /\p{L}/u;

function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiLetterCode(code);
  return NON_ASCII_LETTER.test(text[index]!);
}

const CURRENCY_SYMBOL = /\p{Sc}/u;
// "1.000.000" (dot-grouped thousands) and "1234567.89" (decimals). Comma-grouped amounts never get
// this far: commas split candidates (see LIST_SEPARATORS).
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
  return char !== undefined && char.charCodeAt(0) >= 36 && CURRENCY_SYMBOL.test(char);
}

const YEAR_FIRST_DATE = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/;
const DAY_OR_MONTH_FIRST_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})$/;
const YEAR_RANGE = /^(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d$/;

function isDate(written: string): boolean {
  if (YEAR_RANGE.test(written)) return true;
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

// ─── shared ──────────────────────────────────────────────────────────────────────────────────────

// Arrays stay tiny (a message has a handful of strings), so a scan beats allocating a Set per call.
function addOnce(values: string[], value: string): void {
  if (!values.includes(value)) values.push(value);
}
