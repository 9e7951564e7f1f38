// How a spam string's list is decided from its own entry and from its relatives' — the one place that
// defines how a bare domain mention, the URLs under a domain and the domain itself relate. Every tab,
// count, user row, chip and rule reads a string's list through this module (SQL for the pages and the
// API, the same rule in TypeScript for rules running on ingest).
//
//   1. A bare mention of a domain IS the domain. "goodshop.com", "www.goodshop.com" and
//      "https://goodshop.com/" are stored as the URL goodshop.com beside the domain goodshop.com (the
//      extractor records both for every link); they are one string: listed, shown and counted as the
//      domain only. A URL entry typed as a bare domain is stored as a domain entry.
//   2. Allowing or denying a domain covers every URL under it (goodshop.com/deal,
//      shop.goodshop.com/x): the URL's own entry, if any, wins; else the domain's entry decides.
//   3. Denying every URL of a domain removes the domain: a domain without an entry counts as denied
//      when it has URLs seen in the retention window and every one of them has a Deny entry.
//   4. Anything else without an entry is uncategorized.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SpamKind, SpamList } from "./kinds";

/** A string as stored: its kind, value and, for URLs, the registrable domain (null for IP hosts). */
export interface StoredSpamString {
  kind: SpamKind;
  value: string;
  domain: string | null;
}

/** Rule 1: the URL that is only its domain (no path, no subdomain, no port). */
export function isBareDomainUrl(string: StoredSpamString): boolean {
  return string.kind === "url" && string.domain !== null && string.value === string.domain;
}

/** Rule 1 for entries: what a list entry for this string is about (a bare URL's entry is the domain's). */
export function listedString(string: StoredSpamString): { kind: SpamKind; value: string } {
  return isBareDomainUrl(string) ? { kind: "domain", value: string.value } : { kind: string.kind, value: string.value };
}

/**
 * The list a string is on, by rules 1–3. `entries` looks an entry up by kind and value;
 * `allUrlsDenied(domain)` answers rule 3 (only asked for a domain without an entry of its own).
 */
export async function effectiveList(
  string: StoredSpamString,
  entries: (kind: SpamKind, value: string) => SpamList | null,
  allUrlsDenied: (domain: string) => Promise<boolean>,
): Promise<SpamList | null> {
  const own = entries(string.kind, string.value);
  if (own) return own;
  if (string.kind === "url") return string.domain ? entries("domain", string.domain) : null;
  if (string.kind === "domain" && (await allUrlsDenied(string.value))) return "deny";
  return null;
}

// ─── the same rules in SQL, over a "SpamString" row aliased `s` ────────────────────────────────────

const ownEntry = (list?: SpamList) => Prisma.sql`(SELECT e."list"::text FROM "SpamListEntry" e
  WHERE e."tenantId" = s."tenantId" AND e."kind" = s."kind" AND e."value" = s."value"
  ${list ? Prisma.sql`AND e."list" = ${list}::"SpamListKind"` : Prisma.empty})`;

const domainEntry = (list?: SpamList) => Prisma.sql`(SELECT e."list"::text FROM "SpamListEntry" e
  WHERE e."tenantId" = s."tenantId" AND e."kind" = 'domain' AND e."value" = s."domain"
  ${list ? Prisma.sql`AND e."list" = ${list}::"SpamListKind"` : Prisma.empty})`;

// Every condition below is TRUE or FALSE, never NULL (a NULL under NOT would drop the row).

/** Rule 1: s is a bare domain mention (shown and counted as its domain). */
export const BARE_DOMAIN_URL_SQL = Prisma.sql`(s."kind" = 'url' AND s."domain" IS NOT NULL AND s."value" = s."domain")`;

/** Rule 3: the domain has URLs seen since `since` and every one of them has a Deny entry of its own. */
export function allUrlsDenied(tenantId: Prisma.Sql, domain: Prisma.Sql, since: Date): Prisma.Sql {
  return Prisma.sql`(
    EXISTS (SELECT 1 FROM "SpamString" u WHERE u."tenantId" = ${tenantId} AND u."kind" = 'url'
      AND u."domain" = ${domain} AND u."lastSeenAt" >= ${since})
    AND NOT EXISTS (
      SELECT 1 FROM "SpamString" u
      WHERE u."tenantId" = ${tenantId} AND u."kind" = 'url' AND u."domain" = ${domain} AND u."lastSeenAt" >= ${since}
        AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = u."tenantId" AND e."list" = 'deny'
          AND e."kind" = 'url' AND e."value" = u."value")))`;
}

/** 'allow', 'deny' or NULL: the list s is on by rules 1–3 (rule 3 over the window from `since`). */
export function effectiveListSql(since: Date): Prisma.Sql {
  return Prisma.sql`COALESCE(
    ${ownEntry()},
    CASE WHEN s."kind" = 'url' AND s."domain" IS NOT NULL THEN ${domainEntry()} END,
    CASE WHEN s."kind" = 'domain' AND ${allUrlsDenied(Prisma.sql`s."tenantId"`, Prisma.sql`s."value"`, since)}
      THEN 'deny' END)`;
}

/** s is allowed (its own Allow entry, or a URL without an entry under an allowed domain): not spam. */
export const ALLOWED_SQL = Prisma.sql`(EXISTS ${ownEntry("allow")} OR (s."kind" = 'url' AND NOT EXISTS ${ownEntry()}
  AND EXISTS ${domainEntry("allow")}))`;

/**
 * What hides an uncategorized-looking string from its tab besides its own entry: a URL that is a bare
 * domain mention (rule 1) or under a listed domain (rule 2); a domain whose URLs are all denied (rule 3).
 */
export function coveredByRelativesSql(kind: SpamKind, since: Date): Prisma.Sql {
  if (kind === "url") return Prisma.sql`(${BARE_DOMAIN_URL_SQL} OR EXISTS ${domainEntry()})`;
  if (kind === "domain") return allUrlsDenied(Prisma.sql`s."tenantId"`, Prisma.sql`s."value"`, since);
  return Prisma.sql`FALSE`;
}
