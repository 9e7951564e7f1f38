// The Spam Manager's conventions, pure and client-safe: how a message's strings are tied together
// (a URL's domain), how a value typed into the Allow/Deny lists is normalized (exactly like extraction),
// and how rule windows are keyed.
import { extractSpamStrings, findSpamStrings } from "@/lib/spam-strings/extract";
import type { SpamKind } from "./kinds";

export interface MessageSpamString {
  kind: SpamKind;
  value: string;
  /** URLs: their registrable domain (null for IP hosts). Other kinds: null. */
  domain: string | null;
  /** How the message wrote it (for a domain, the link it came with). */
  raw: string;
  /** Written disguised ("evil[.]com", "name (at) mail (dot) com", invisible characters, "O" for "0"). */
  obfuscated: boolean;
}

/**
 * Strings of one kind a message records, at most: the first ones it names. Each is a row upserted, an occurrence
 * written and every enabled rule checked; a 5,000-character widget message of "a0.io a1.io …" named 559 of them
 * and cost 0.15 s of the server where a message costs 1.5 ms — a script on one address kept the server busy under
 * every request limit, and filled the Spam Manager with junk. Twenty links or numbers of a kind is more than a
 * customer writes, and what a blast names first is enough to review, deny and ban it.
 */
export const SPAM_STRINGS_PER_KIND = 20;

/**
 * The message's spam strings (the first SPAM_STRINGS_PER_KIND of each kind), each with the domain a URL belongs to,
 * its raw form and disguise flag.
 */
export function messageSpamStrings(text: string, region: string): MessageSpamString[] {
  const found = findSpamStrings(text, { defaultRegion: region });
  const domains = found.filter((s) => s.kind === "domain").map((s) => s.value);
  const kept = new Map<SpamKind, number>();
  const strings: MessageSpamString[] = [];
  for (const { kind, value, raw, obfuscated } of found) {
    const count = kept.get(kind) ?? 0;
    if (count >= SPAM_STRINGS_PER_KIND) continue;
    kept.set(kind, count + 1);
    strings.push({ kind, value, domain: kind === "url" ? urlDomain(value, domains) : null, raw, obfuscated });
  }
  return strings;
}

/**
 * A URL's registrable domain, picked from the domains the extractor found in the same text: every
 * URL with a named host contributed its registrable domain there, and that domain is the longest of
 * them the host ends with (a longer one would make the registrable domain a public suffix). IP hosts
 * match none.
 */
export function urlDomain(url: string, domains: readonly string[]): string | null {
  const host = hostOf(url);
  let best: string | null = null;
  for (const domain of domains) {
    const matches =
      host === domain ||
      (host.length > domain.length &&
        host.endsWith(domain) &&
        host.charCodeAt(host.length - domain.length - 1) === 46); /* . */
    if (matches && (best === null || domain.length > best.length)) best = domain;
  }
  return best;
}

function hostOf(url: string): string {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */ || code === 58 /* : */)
      return url.slice(0, i);
  }
  return url;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The value as the extractor would have stored it, or null when the text holds no string of that kind. */
export function normalizeListValue(kind: SpamKind, raw: string, region: string): string | null {
  return normalizeListString(kind, raw, region)?.value ?? null;
}

/** A string as a list entry names it: how it was written does not matter there. */
export type ListString = Pick<MessageSpamString, "kind" | "value" | "domain">;

/** normalizeListValue with the URL's registrable domain, as ingest stores the string. */
export function normalizeListString(kind: SpamKind, raw: string, region: string): ListString | null {
  const pick = (text: string): ListString | null => {
    const found = extractSpamStrings(text, { defaultRegion: region });
    const value = { domain: found.domains, url: found.urls, phone: found.phones, email: found.emails }[kind][0];
    if (value === undefined) return null;
    return { kind, value, domain: kind === "url" ? urlDomain(value, found.domains) : null };
  };
  const text = raw.trim();
  const string = pick(text);
  // "example.love" has no scheme and a TLD the extractor does not guess links for in chat text: a
  // moderator typing it means a link.
  if (string === null && (kind === "url" || kind === "domain") && !HAS_SCHEME.test(text))
    return pick(`https://${text}`);
  return string;
}

/** The start of the window `at` falls in, as the Actions Log's windowKey. */
export function windowKeyOf(at: Date, windowMinutes: number): string {
  const size = windowMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / size) * size).toISOString();
}
