// THE audience query: which contacts a campaign reaches. Every use — the preview count, the one-time
// send, the ongoing campaign's per-contact check — goes through audienceWhere(), so a rule added here
// (e.g. "spam-marked contacts are excluded") applies everywhere at once.
import "server-only";
import PQueue from "p-queue";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { AudienceCondition, TraitCondition } from "./audience-conditions";
import { containsText, escapeLike } from "@/lib/db/text-search";

export {
  audienceConditionSchema,
  audienceSchema,
  describeCondition,
  deliveryChannelOf,
  type AudienceCondition,
  type AudienceConditionInput,
} from "./audience-conditions";

const DAY_MS = 24 * 3600_000;

/** The contacts of `tenantId` that meet every condition (AND) and that campaigns may reach at all. */
export function audienceWhere(tenantId: string, conditions: readonly AudienceCondition[]): Prisma.ContactWhereInput {
  return {
    AND: [
      { tenantId },
      // Reachable: a recipient needs an address to deliver to.
      { identities: { some: {} } },
      ...conditions.map(conditionWhere),
      ...audienceExclusions(tenantId),
    ],
  };
}

/**
 * Exclusion rules: contacts no campaign ever reaches, whatever its conditions. This is the one place
 * for them: previews, one-time sends and ongoing triggers all go through audienceWhere.
 */
function audienceExclusions(_tenantId: string): Prisma.ContactWhereInput[] {
  // Spam-marked contacts, for as long as they are marked.
  return [{ spamMarkedAt: null }];
}

function conditionWhere(condition: AudienceCondition): Prisma.ContactWhereInput {
  switch (condition.kind) {
    case "channel":
      return condition.op === "eq"
        ? { identities: { some: { channel: condition.value } } }
        : { identities: { none: { channel: condition.value } } };
    case "authenticated":
      return { authenticated: condition.value };
    case "trait":
      return traitWhere(condition);
  }
}

function traitWhere(condition: TraitCondition): Prisma.ContactWhereInput {
  const { key } = condition;
  if (condition.op === "exists") return { traits: { some: { key } } };
  if (condition.op === "not_exists") return { traits: { none: { key } } };
  if (!("type" in condition)) throw new Error(`trait condition ${condition.op} without a value`);
  // neq is the negation of eq: contacts without the trait at all are "not pro" too.
  const op = condition.op === "neq" ? "eq" : condition.op;
  const match = { key, ...traitValueFilter(condition.type, op, condition.value) };
  return condition.op === "neq" ? { traits: { none: match } } : { traits: { some: match } };
}

function traitValueFilter(
  type: "text" | "number" | "boolean" | "date",
  op: Exclude<TraitCondition["op"], "neq" | "exists" | "not_exists">,
  value: string | number | boolean,
): Prisma.ContactTraitWhereInput {
  switch (type) {
    case "text":
      // Text compares the canonical text of any trait, case-insensitively ("plan is Pro" finds "pro",
      // "seats is 12" finds the number 12).
      return op === "contains"
        ? { value: containsText(String(value)) }
        : { value: { equals: escapeLike(String(value)), mode: "insensitive" } };
    case "boolean":
      return { type: "boolean", value: value ? "true" : "false" };
    case "number": {
      const n = Number(value);
      return { numberValue: op === "eq" ? n : { [op]: n } };
    }
    case "date":
      return { dateValue: dateFilter(op, String(value)) };
  }
}

/**
 * A calendar day is the whole UTC day: "renews is 2027-01-31" matches any time that day; "after" starts the next day.
 */
function dateFilter(op: "eq" | "contains" | "gt" | "gte" | "lt" | "lte", value: string): Prisma.DateTimeNullableFilter {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = new Date(value);
    return op === "eq" || op === "contains" ? { equals: at } : { [op]: at };
  }
  const start = new Date(`${value}T00:00:00.000Z`);
  const next = new Date(start.getTime() + DAY_MS);
  switch (op) {
    case "eq":
    case "contains":
      return { gte: start, lt: next };
    case "gt":
      return { gte: next };
    case "gte":
      return { gte: start };
    case "lt":
      return { lt: start };
    case "lte":
      return { lt: next };
  }
}

/** How many contacts the audience reaches now. */
export async function countAudience(
  db: DbOrTx,
  tenantId: string,
  conditions: readonly AudienceCondition[],
): Promise<number> {
  return db.contact.count({ where: audienceWhere(tenantId, conditions) });
}

/**
 * Audiences counted for one page (the Campaigns list's drafts) at a time: each count reads the tenant's contacts,
 * and a page of 50 drafts counted all at once held every pooled connection (10 by default) for as long as the
 * slowest took — every agent's request waited behind an admin opening Campaigns.
 */
export const AUDIENCE_COUNTS_AT_ONCE = 2;

/** How many contacts each audience reaches now, keyed as given, counted AUDIENCE_COUNTS_AT_ONCE at a time. */
export async function countAudiences(
  db: DbOrTx,
  tenantId: string,
  audiences: ReadonlyArray<{ id: string; audience: readonly AudienceCondition[] }>,
): Promise<Map<string, number>> {
  const counting = new PQueue({ concurrency: AUDIENCE_COUNTS_AT_ONCE });
  const counted = await Promise.all(
    audiences.map(({ id, audience }) =>
      counting.add(async () => [id, await countAudience(db, tenantId, audience)] as const, { throwOnTimeout: true }),
    ),
  );
  return new Map(counted);
}

/** A few contacts of the audience, most recently seen first: the preview's sample. */
export async function listAudience(
  db: DbOrTx,
  tenantId: string,
  conditions: readonly AudienceCondition[],
  { limit }: { limit: number },
): Promise<Array<{ id: string; name: string }>> {
  return db.contact.findMany({
    where: audienceWhere(tenantId, conditions),
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: Math.max(0, Math.min(limit, 100)),
    select: { id: true, name: true },
  });
}

/** Whether one contact is in the audience now (ongoing campaigns check each contact as it changes). */
export async function contactMatchesAudience(
  db: DbOrTx,
  tenantId: string,
  contactId: string,
  conditions: readonly AudienceCondition[],
): Promise<boolean> {
  const found = await db.contact.findFirst({
    where: { AND: [{ id: contactId }, audienceWhere(tenantId, conditions)] },
    select: { id: true },
  });
  return found !== null;
}
