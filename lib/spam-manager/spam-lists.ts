// The Allow and Deny lists. A moderator allows or denies a string (from a tab, or typed in); it then
// leaves the string tabs. Each list holds at most the tenant's cap (allowListCap / denyListCap).
// Values are normalized with the extraction conventions, so a pasted "https://www.Example.com/offer"
// denies the URL `example.com/offer`, and for kind domain any host or link denies its registrable
// domain. A URL that is only its domain ("https://www.Example.com/") is the domain and is listed as it
// (list-coverage.ts, which also says what an entry covers besides its own string).
import "server-only";
import { announceSpamManagerChange } from "./announce-change";
import { teachFromDeniedString } from "@/lib/spam-detection/learn-from-team";
import { settleSpamDetectionChanges } from "@/lib/spam-detection/detection-caches";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { actingAgentId } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { Conflict, InvalidInput, NotFound, parseInput } from "@/lib/errors";
import { plural } from "@/lib/ui/plural";
import { normalizeListString } from "./conventions";
import { spamKindSchema, spamListSchema, type SpamKind, type SpamList } from "./kinds";
import { listEntryInputSchema } from "./list-schemas";
import { createdBefore, mayModerate, pageOf, pagingSchema, searchSchema } from "./paging";
import { allUrlsDenied, listedString } from "./list-coverage";
import { spamWindowStart } from "./window";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";
import { containsText } from "@/lib/db/text-search";

export const listEntriesQuerySchema = z.object({
  list: spamListSchema.optional(),
  kind: spamKindSchema.optional(),
  q: searchSchema,
  ...pagingSchema,
});

export interface SpamListEntryView {
  id: string;
  list: SpamList;
  kind: SpamKind;
  value: string;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  /** The stored string with this value, if it was ever posted (and not purged). */
  spamStringId: string | null;
  /** Stored posts containing it. */
  posts: number;
}

const NOT_A: Record<SpamKind, string> = {
  domain: "is not a domain or link (e.g. example.com)",
  url: "is not a link (e.g. example.com/offer)",
  phone: "is not a phone number (write it with its country code, e.g. +44 7700 900123)",
  email: "is not an email address",
};

export interface AddListEntryResult {
  entry: SpamListEntryView;
  /** False when the string was already on that list (nothing changed). */
  created: boolean;
  /** The list it was on before, when it moved (allow → deny or back). */
  movedFrom: SpamList | null;
}

export const addListEntry = defineUseCase({
  inputName: "entry",
  input: listEntryInputSchema,
  // The list comes from the path (or the page's tab): checked after the permission and before the entry,
  // with its own wording ("Invalid list: list: must be one of allow, deny"), and handed to run as checked.
  authorize: ({ actor, list }: UseCaseContext & { list: unknown }): SpamList => {
    authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
    return parseInput(z.object({ list: spamListSchema }), { list }, "list").list;
  },
  run: async (
    { db, actor, now = new Date() },
    { kind: askedKind, value: raw },
    targetList,
  ): Promise<AddListEntryResult> => {
    const tenantId = actor.tenantId;
    const region = (
      await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { defaultPhoneRegion: true } })
    ).defaultPhoneRegion;
    const normalized = normalizeListString(askedKind, raw, region);
    if (normalized === null) {
      throw new InvalidInput(`Invalid entry: value: ${NOT_A[askedKind]}`, {
        fields: [{ field: "value", message: NOT_A[askedKind] }],
      });
    }
    // A URL that is only its domain ("goodshop.com", "https://www.goodshop.com/") is the domain: listed as it.
    const { kind, value } = listedString(normalized);

    const result = await db.$transaction(async (tx) => {
      // One list change at a time per tenant, so the cap holds under concurrent adds. NO KEY UPDATE does
      // not block the key-share locks that inserts referencing the tenant take.
      const [tenant] = await tx.$queryRaw<Array<{ allowListCap: number; denyListCap: number }>>`
        SELECT "allowListCap", "denyListCap" FROM "Tenant" WHERE "id" = ${tenantId} FOR NO KEY UPDATE`;
      const existing = await tx.spamListEntry.findUnique({ where: { tenantId_kind_value: { tenantId, kind, value } } });
      if (existing?.list === targetList) return { entryId: existing.id, created: false, movedFrom: null };
      const cap = targetList === "allow" ? tenant!.allowListCap : tenant!.denyListCap;
      const size = await tx.spamListEntry.count({ where: { tenantId, list: targetList } });
      if (size >= cap) {
        throw new Conflict(
          "list_full",
          `The ${targetList} list is full (${plural(cap, "string")}). ` +
            "Delete entries you no longer need, or ask an admin to raise the cap in Settings → Spam lists.",
          { list: targetList, cap, size },
        );
      }
      const data = { list: targetList, createdById: actingAgentId(actor), createdAt: now };
      // Moving from the other list replaces that entry: a string is on one list at most.
      const entry = existing
        ? await tx.spamListEntry.update({ where: { id: existing.id, tenantId }, data, select: { id: true } })
        : await tx.spamListEntry.create({ data: { tenantId, kind, value, ...data }, select: { id: true } });
      await recordAudit(tx, actor, {
        action: existing ? "spam_list.entry_moved" : "spam_list.entry_added",
        targetType: "spam_list_entry",
        targetId: entry.id,
        data: { list: targetList, kind, value, ...(existing ? { from: existing.list } : {}) },
      });
      return { entryId: entry.id, created: true, movedFrom: existing?.list ?? null };
    });
    // This instance scores the next message with the change (lib/spam-detection/detection-caches.ts).
    if (result.created) await settleSpamDetectionChanges();
    if (result.created) await announceSpamManagerChange(db, tenantId, { lists: true });
    // Denying a string is a weaker spam signal for the classifier: its newest posts teach it (lib/spam-detection).
    // Never throws.
    if (result.created && targetList === "deny")
      await teachFromDeniedString({ db, tenantId, kind, value, source: "deny_string" });
    return {
      entry: await loadEntry(db, tenantId, result.entryId),
      created: result.created,
      movedFrom: result.movedFrom,
    };
  },
});

/**
 * Deletes an entry. The string becomes uncategorized again but stays out of the tabs until it is next
 * posted: its firstSeenAt (the start of what the tabs count, see spam-strings.ts) moves to now. The
 * same goes for what the entry hid besides itself (list-coverage.ts): a listed domain's URLs, and a
 * domain all of whose URLs were denied.
 */
export async function deleteListEntry({
  db,
  actor,
  entryId,
  now = new Date(),
}: UseCaseContext & {
  entryId: string;
}): Promise<SpamListEntryView> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const tenantId = actor.tenantId;
  const view = await loadEntry(db, tenantId, String(entryId));
  const since = await spamWindowStart(db, tenantId, now);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${tenantId} FOR NO KEY UPDATE`;
    const entry = await tx.spamListEntry.findFirst({ where: { id: view.id, tenantId } });
    if (!entry) throw new NotFound("list entry");
    const domainOfUrl =
      entry.kind === "url" && entry.list === "deny"
        ? ((
            await tx.spamString.findUnique({
              where: { tenantId_kind_value: { tenantId, kind: "url", value: entry.value } },
              select: { domain: true },
            })
          )?.domain ?? null)
        : null;
    const hiddenDomain = domainOfUrl !== null && (await domainHiddenByUrls(tx, tenantId, domainOfUrl, since));

    await tx.spamListEntry.delete({ where: { id: entry.id, tenantId } });
    await restartCounting(tx, tenantId, entry.kind, entry.value, now);
    // A listed domain hid its URLs without entries (allowed or denied alike): they count anew too.
    if (entry.kind === "domain") {
      await tx.$executeRaw`
        UPDATE "SpamString" u SET "firstSeenAt" = ${now}
        WHERE u."tenantId" = ${tenantId} AND u."kind" = 'url' AND u."domain" = ${entry.value}
          AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = u."tenantId" AND e."kind" = 'url'
            AND e."value" = u."value")`;
    }
    if (hiddenDomain) await restartCounting(tx, tenantId, "domain", domainOfUrl, now);
    await recordAudit(tx, actor, {
      action: "spam_list.entry_deleted",
      targetType: "spam_list_entry",
      targetId: entry.id,
      data: { list: entry.list, kind: entry.kind, value: entry.value },
    });
  });
  await settleSpamDetectionChanges();
  await announceSpamManagerChange(db, tenantId, { lists: true });
  return view;
}

/** An uncategorized string counts in the tabs from here on (and shows again on its next post). */
async function restartCounting(tx: Tx, tenantId: string, kind: SpamKind, value: string, now: Date) {
  await tx.$executeRaw`
    UPDATE "SpamString" s SET "firstSeenAt" = ${now}
    WHERE s."tenantId" = ${tenantId} AND s."kind" = ${kind}::"SpamStringKind" AND s."value" = ${value}
      AND NOT EXISTS (SELECT 1 FROM "SpamListEntry" e WHERE e."tenantId" = s."tenantId" AND e."kind" = s."kind"
        AND e."value" = s."value")`;
}

async function domainHiddenByUrls(tx: Tx, tenantId: string, domain: string, since: Date): Promise<boolean> {
  const [row] = await tx.$queryRaw<Array<{ hidden: boolean }>>`
    SELECT ${allUrlsDenied(Prisma.sql`${tenantId}`, Prisma.sql`${domain}`, since)} AS "hidden"`;
  return Boolean(row?.hidden);
}

export const listListEntries = defineUseCase({
  inputName: "query",
  input: listEntriesQuerySchema,
  authorize: mayModerate,
  run: async ({ db, actor }: ReadContext, { list, kind, q, cursor, limit }) => {
    const where: Prisma.SpamListEntryWhereInput = {
      tenantId: actor.tenantId,
      ...(list ? { list } : {}),
      ...(kind ? { kind } : {}),
      ...(q ? { value: containsText(q) } : {}),
    };
    if (cursor) where.OR = createdBefore(cursor);
    const rows = await db.spamListEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
    const page = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
    return { items: await toViews(db, actor.tenantId, page.items), nextCursor: page.nextCursor };
  },
});

/** How full each list is, against its cap. */
export async function listUsage({ db, actor }: { db: DbOrTx; actor: Actor }) {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const [tenant, counts] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { allowListCap: true, denyListCap: true } }),
    db.spamListEntry.groupBy({ by: ["list"], where: { tenantId: actor.tenantId }, _count: { _all: true } }),
  ]);
  const size = (list: SpamList) => counts.find((c) => c.list === list)?._count._all ?? 0;
  return {
    allow: { size: size("allow"), cap: tenant.allowListCap },
    deny: { size: size("deny"), cap: tenant.denyListCap },
  };
}

async function loadEntry(db: DbOrTx, tenantId: string, entryId: string): Promise<SpamListEntryView> {
  const entry = await db.spamListEntry.findFirst({ where: { id: entryId, tenantId } });
  if (!entry) throw new NotFound("list entry");
  return (await toViews(db, tenantId, [entry]))[0]!;
}

type EntryRow = {
  id: string;
  list: SpamList;
  kind: SpamKind;
  value: string;
  createdAt: Date;
  createdById: string | null;
};

async function toViews(db: DbOrTx, tenantId: string, entries: EntryRow[]): Promise<SpamListEntryView[]> {
  if (entries.length === 0) return [];
  const agentIds = [...new Set(entries.flatMap((e) => (e.createdById ? [e.createdById] : [])))];
  const [agents, strings] = await Promise.all([
    agentIds.length
      ? db.agent.findMany({ where: { id: { in: agentIds }, tenantId }, select: { id: true, name: true } })
      : [],
    db.spamString.findMany({
      where: { tenantId, OR: entries.map((e) => ({ kind: e.kind, value: e.value })) },
      select: { id: true, kind: true, value: true, _count: { select: { occurrences: true } } },
    }),
  ]);
  return entries.map((entry) => {
    const string = strings.find((s) => s.kind === entry.kind && s.value === entry.value);
    return {
      id: entry.id,
      list: entry.list,
      kind: entry.kind,
      value: entry.value,
      createdAt: entry.createdAt,
      createdBy: agents.find((a) => a.id === entry.createdById) ?? null,
      spamStringId: string?.id ?? null,
      posts: string?._count.occurrences ?? 0,
    };
  });
}
