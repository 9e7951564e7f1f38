// The audit log's reader (Settings → Audit log, GET /api/v1/audit-log): the tenant's entries newest first,
// paged by keyset (createdAt, id) — page N costs what page 1 does — and filtered by action or action
// group, by actor (a kind, or one agent / API key / rule), by target, and by a date range. Each page names
// its actors and targets in one statement (resolveAuditNames), however many rows it has.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import { authorize } from "@/lib/policy";
import { decodeKeyset, encodeKeyset, keysetPagingQuery } from "@/lib/db/cursor";
import { defineUseCase, type ReadContext } from "@/lib/use-case";
import { describeAuditEntry } from "./catalog";
import { isDay, isTime, isValidTimeZone, queryRangeOf, rangeOf } from "./date-range";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_ACTOR_KINDS = ["agent", "api_key", "system", "rule"] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

const dayOrTime = (what: string) =>
  z
    .string()
    .trim()
    .max(40, "must be a date (YYYY-MM-DD) or an ISO-8601 time with an offset")
    .refine(
      (value) => isDay(value) || isTime(value),
      "must be a date (YYYY-MM-DD) or an ISO-8601 time with an offset (2026-12-06T10:00:00Z)",
    )
    .optional()
    .describe(what);

const id = (what: string) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(64, `is not ${what}`)
    .regex(/^[\w-]+$/, `is not ${what}`)
    .optional();

export const listAuditLogQuerySchema = z
  .object({
    action: z
      .string()
      .trim()
      .max(64, "is not an action")
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "must be an action (ban.deactivated) or a group of actions (ban)")
      .optional()
      .describe("an action (`ban.deactivated`: that action only) or a group (`ban`: every action starting `ban.`)"),
    actorKind: z
      .enum(AUDIT_ACTOR_KINDS, { error: () => `must be one of ${AUDIT_ACTOR_KINDS.join(", ")}` })
      .optional()
      .describe("who acted: `agent`, `api_key`, `system` (Bouncer itself: ingest, the widget, jobs) or `rule`"),
    actorId: id("an agent, API key or rule id").describe("one agent, API key or Spam Manager rule"),
    targetType: z
      .string()
      .trim()
      .max(40, "is not a target type")
      .regex(/^[a-z_]+$/, "must be a target type such as ban, contact or conversation")
      .optional()
      .describe("what was acted on: `ban`, `contact`, `conversation`, `live_chat_block`, `agent`, `api_key`, …"),
    targetId: id("an id").describe("with targetType: one ban, contact, conversation…"),
    from: dayOrTime("from this day (in timeZone) or time, inclusive"),
    to: dayOrTime("up to this day (in timeZone; the whole day) or time (exclusive)"),
    timeZone: z
      .string()
      .trim()
      .max(64, "is not a time zone")
      .refine(isValidTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .optional()
      .describe("the zone `from` and `to` days are read in; default UTC"),
    ...keysetPagingQuery(AUDIT_PAGE_SIZE),
  })
  .superRefine((query, ctx) => {
    const range = rangeOf(query, query.timeZone);
    if (range.gte && range.lt && range.gte >= range.lt)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    if (query.targetId && !query.targetType)
      ctx.addIssue({ code: "custom", path: ["targetId"], message: "needs targetType" });
  });

export type ListAuditLogQuery = z.output<typeof listAuditLogQuerySchema>;

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  action: string;
  /** What happened, for people: "Lifted a ban on WhatsApp" (the raw action for one this version does not know). */
  description: string;
  actor: { kind: string; id: string | null; name: string };
  /** `extra`: the ban's or chat's channel, a list entry's list, a live-chat block's chat id (for the page's links). */
  target: { type: string; id: string | null; name: string | null; extra: string | null } | null;
  details: Record<string, unknown>;
}

/** Admins' and API keys' (checked before the query is parsed). */
export function mayReadAuditLog({ actor }: ReadContext): void {
  authorize(actor, "auditLog.view", { tenantId: actor.tenantId });
}

/**
 * The rows after a cursor of the (createdAt desc, id desc) list. The `lte` bound is implied by the OR but
 * PostgreSQL can only use it as an index bound when written out.
 */
function after(cursor: string): Prisma.AuditLogWhereInput {
  const [time, lastId] = decodeKeyset(cursor, ["n", "s"], "is not a cursor from this list");
  const at = new Date(time as number);
  return { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: lastId as string } }] };
}

export const listAuditLog = defineUseCase({
  inputName: "query",
  input: listAuditLogQuerySchema,
  authorize: mayReadAuditLog,
  run: async ({ db, actor }: ReadContext, query): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> => {
    const and: Prisma.AuditLogWhereInput[] = [{ tenantId: actor.tenantId }];
    if (query.action)
      and.push(query.action.includes(".") ? { action: query.action } : { action: { startsWith: `${query.action}.` } });
    if (query.actorKind) and.push({ actorKind: query.actorKind });
    if (query.actorId) and.push({ actorId: query.actorId });
    if (query.targetType) and.push({ targetType: query.targetType });
    if (query.targetId) and.push({ targetId: query.targetId });
    const range = queryRangeOf(query, query.timeZone);
    if (range.gte || range.lt) and.push({ createdAt: range });
    if (query.cursor) and.push(after(query.cursor));
    const rows = await db.auditLog.findMany({
      where: { AND: and },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: await toAuditEntryViews(db, actor.tenantId, items),
      nextCursor: rows.length > query.limit && last ? encodeKeyset([last.createdAt, last.id]) : null,
    };
  },
});

type AuditRow = Prisma.AuditLogGetPayload<object>;

/** What a name is looked up in: the actor kinds and target types whose ids name a row of a table. */
const NAMED = {
  agent: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "Agent"`,
  api_key: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "ApiKey"`,
  rule: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "SpamRule"`,
  spam_rule: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "SpamRule"`,
  spam_action: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "SpamAction"`,
  label: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "Label"`,
  campaign: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "Campaign"`,
  contact: Prisma.sql`SELECT "tenantId", "id", "name", NULL::text AS "extra" FROM "Contact"`,
  ban: Prisma.sql`SELECT "tenantId", "id", "identifier" AS "name", "channel"::text AS "extra" FROM "Ban"`,
  spam_list_entry: Prisma.sql`SELECT "tenantId", "id", "value" AS "name", "list"::text AS "extra" FROM "SpamListEntry"`,
  conversation: Prisma.sql`SELECT x."tenantId", x."id", c."name", x."channel"::text AS "extra"
    FROM "Conversation" x JOIN "Contact" c ON c."id" = x."contactId" AND c."tenantId" = x."tenantId"`,
  live_chat_block: Prisma.sql`SELECT x."tenantId", x."id", c."name", x."conversationId" AS "extra"
    FROM "LiveChatBlock" x JOIN "Contact" c ON c."id" = x."contactId" AND c."tenantId" = x."tenantId"`,
} as const;

type NamedKind = keyof typeof NAMED;
const isNamed = (kind: string): kind is NamedKind => Object.hasOwn(NAMED, kind);

export type ResolvedNames = Map<string, { name: string; extra: string | null }>;

/**
 * The names of the actors and targets of a page of entries, in one statement (a UNION ALL of one branch per
 * kind the page holds), each branch scoped by the tenant. Keyed "kind:id".
 */
export async function resolveAuditNames(db: DbOrTx, tenantId: string, rows: AuditRow[]): Promise<ResolvedNames> {
  const wanted = new Map<NamedKind, Set<string>>();
  const want = (kind: string, id: string | null) => {
    if (!id || !isNamed(kind)) return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id);
  };
  for (const row of rows) {
    want(row.actorKind, row.actorId);
    if (row.targetType !== "tenant") want(row.targetType, row.targetId);
  }
  const names: ResolvedNames = new Map();
  if (wanted.size === 0) return names;
  const branches = [...wanted].map(
    ([kind, ids]) => Prisma.sql`SELECT ${kind}::text AS "kind", n."id", n."name", n."extra"
      FROM (${NAMED[kind]}) n WHERE n."tenantId" = ${tenantId} AND n."id" = ANY(${[...ids]}::text[])`,
  );
  const found = await db.$queryRaw<Array<{ kind: string; id: string; name: string; extra: string | null }>>`
    ${Prisma.join(branches, " UNION ALL ")}`;
  for (const row of found) names.set(`${row.kind}:${row.id}`, { name: row.name, extra: row.extra });
  return names;
}

function actorOf(row: AuditRow, names: ResolvedNames): AuditEntryView["actor"] {
  const found = row.actorId ? names.get(`${row.actorKind}:${row.actorId}`)?.name : undefined;
  switch (row.actorKind) {
    case "agent":
      return { kind: "agent", id: row.actorId, name: found ?? "Deleted agent" };
    case "api_key":
      return { kind: "api_key", id: row.actorId, name: `API key ${found ?? "(deleted)"}` };
    case "rule":
      return { kind: "rule", id: row.actorId, name: `Spam rule ${found ?? "(deleted)"}` };
    case "system":
      return { kind: "system", id: null, name: "System" };
    default:
      return { kind: row.actorKind, id: row.actorId, name: row.actorKind };
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export async function toAuditEntryViews(db: DbOrTx, tenantId: string, rows: AuditRow[]): Promise<AuditEntryView[]> {
  if (rows.length === 0) return [];
  const names = await resolveAuditNames(db, tenantId, rows);
  return rows.map((row) => {
    const details = asRecord(row.data);
    const found = row.targetId ? names.get(`${row.targetType}:${row.targetId}`) : undefined;
    // A deleted target keeps the name its entry wrote, where it wrote one (a deleted label's name).
    const fallback = typeof details.name === "string" ? details.name : null;
    return {
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      description: describeAuditEntry(row.action, details),
      actor: actorOf(row, names),
      target: row.targetType
        ? {
            type: row.targetType,
            id: row.targetId,
            name: row.targetType === "tenant" ? "Workspace settings" : (found?.name ?? fallback),
            extra: found?.extra ?? null,
          }
        : null,
      details,
    };
  });
}
