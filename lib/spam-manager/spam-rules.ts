// Post rules built from the lists: "when a message contains a denied string → run action X", "when a
// user posts ≥ N messages with uncategorized strings within M minutes → run action Y", "when a message
// contains a disguised link (not on the Allow list) → run action Z". They run on ingest right after
// the message's strings are recorded, with the message's time as now.
//
// One action per user per rule per window: windows are M-minute slots counted from the Unix epoch
// (so a day-long window is a UTC day), M being the rule's windowMinutes (a burst's own window; a
// denied-string rule's, default 1440). The Actions Log row is inserted before the action runs, and its
// unique (ruleId, contactId, windowKey) lets exactly one message per window run it — concurrent
// messages and re-deliveries included. A run that fails stays failed for that window; it is logged,
// never retried in a loop, and never fails ingest.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbOrTx } from "@/lib/db";
import { ruleActor, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { InvalidInput, NotFound } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import {
  createSpamRuleSchema,
  parseSpamAction,
  parseSpamRule,
  safeParseSpamRule,
  updateSpamRuleSchema,
  type SpamActionDefinition,
  type SpamRuleDefinition,
} from "./action-schemas";
import type { IncomingMessageFacts, MessageSpamString } from "./record-spam-strings";
import { windowKeyOf } from "./conventions";
import { executeSpamAction, runError } from "./spam-actions";
import { allUrlsDenied, BARE_DOMAIN_URL_SQL, effectiveList, effectiveListSql, isBareDomainUrl } from "./list-coverage";
import { spamWindowStart } from "./window";
import { SPAM_STRING_KINDS } from "./kinds";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";
import { assertRoomFor } from "./configuration-caps";
import { announceSpamManagerChange } from "./announce-change";

/** `trigger` and its `params`, parsed from the stored row (SpamRuleDefinition), and the rest of the row. */
export type SpamRuleView = SpamRuleDefinition & {
  id: string;
  name: string;
  enabled: boolean;
  action: { id: string; name: string; type: string };
  createdAt: Date;
};

const ruleSelect = {
  id: true,
  name: true,
  enabled: true,
  trigger: true,
  params: true,
  createdAt: true,
  action: { select: { id: true, name: true, type: true } },
} as const;

type RuleRow = Prisma.SpamRuleGetPayload<{ select: typeof ruleSelect }>;

function toView({ trigger, params, ...row }: RuleRow): SpamRuleView {
  return { ...row, ...parseSpamRule(trigger, params) };
}

export async function listSpamRules({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<SpamRuleView[]> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const rows = await db.spamRule.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: ruleSelect,
  });
  return rows.map(toView);
}

async function findAction(db: DbOrTx, tenantId: string, actionId: string) {
  const action = await db.spamAction.findFirst({ where: { id: actionId, tenantId }, select: { id: true } });
  if (!action)
    throw new InvalidInput("Invalid rule: actionId: no such action", {
      fields: [{ field: "actionId", message: "no such action" }],
    });
  return action;
}

export const createSpamRule = defineUseCase({
  inputName: "rule",
  input: createSpamRuleSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "spamManager.configure", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data): Promise<SpamRuleView> => {
    await findAction(db, actor.tenantId, data.actionId);
    return db.$transaction(async (tx) => {
      await assertRoomFor(tx, actor.tenantId, "rules");
      const row = await tx.spamRule.create({
        data: {
          tenantId: actor.tenantId,
          name: data.name,
          trigger: data.trigger,
          params: data.params,
          actionId: data.actionId,
          enabled: data.enabled,
        },
        select: ruleSelect,
      });
      await recordAudit(tx, actor, {
        action: "spam_rule.created",
        targetType: "spam_rule",
        targetId: row.id,
        data: { name: row.name, trigger: row.trigger, params: data.params, actionId: data.actionId },
      });
      return toView(row);
    });
  },
});

export const updateSpamRule = defineUseCase({
  inputName: "rule",
  input: updateSpamRuleSchema,
  authorize: ({ actor }: UseCaseContext & { ruleId: string }) =>
    authorize(actor, "spamManager.configure", { tenantId: actor.tenantId }),
  run: async ({ db, actor, ruleId }, patch): Promise<SpamRuleView> => {
    const current = await db.spamRule.findFirst({ where: { id: String(ruleId), tenantId: actor.tenantId } });
    if (!current) throw new NotFound("rule");
    if (patch.actionId) await findAction(db, actor.tenantId, patch.actionId);
    const trigger = patch.trigger ?? current.trigger;
    // As for actions: the params are checked against the resulting trigger.
    let params: SpamRuleDefinition["params"] | undefined;
    if (patch.trigger !== undefined || patch.params !== undefined) {
      const result = safeParseSpamRule(
        trigger,
        patch.params ?? (patch.trigger && patch.trigger !== current.trigger ? {} : current.params),
      );
      if (!result.success) throw InvalidInput.fromZod(result.error, "rule");
      params = result.data.params;
    }
    return db.$transaction(async (tx) => {
      const row = await tx.spamRule.update({
        where: { id: current.id, tenantId: actor.tenantId },
        data: {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(patch.actionId !== undefined ? { actionId: patch.actionId } : {}),
          trigger,
          ...(params ? { params } : {}),
        },
        select: ruleSelect,
      });
      await recordAudit(tx, actor, {
        action: "spam_rule.updated",
        targetType: "spam_rule",
        targetId: row.id,
        data: patch as Prisma.InputJsonObject,
      });
      return toView(row);
    });
  },
});

export async function deleteSpamRule({
  db,
  actor,
  ruleId,
}: UseCaseContext & {
  ruleId: string;
}): Promise<SpamRuleView> {
  authorize(actor, "spamManager.configure", { tenantId: actor.tenantId });
  return db.$transaction(async (tx) => {
    const row = await tx.spamRule.findFirst({
      where: { id: String(ruleId), tenantId: actor.tenantId },
      select: ruleSelect,
    });
    if (!row) throw new NotFound("rule");
    await tx.spamRule.delete({ where: { id: row.id, tenantId: actor.tenantId } });
    await recordAudit(tx, actor, {
      action: "spam_rule.deleted",
      targetType: "spam_rule",
      targetId: row.id,
      data: { name: row.name },
    });
    return toView(row);
  });
}

// ─── running on ingest ───────────────────────────────────────────────────────────────────────────

export interface RunSpamRulesOptions extends IncomingMessageFacts {
  /** The message's recorded spam strings (recordSpamStrings' answer). */
  strings: MessageSpamString[];
  /** Defaults to the message's time. */
  now?: Date;
}

export interface RuleRun {
  ruleId: string;
  logId: string;
  status: "completed" | "failed";
}

/**
 * Runs the tenant's enabled rules for one incoming message. Never throws: a failure is written to the
 * Actions Log (and the console), and ingest goes on. Messages without spam strings cost nothing.
 */
export async function runSpamRules(db: Db, options: RunSpamRulesOptions): Promise<RuleRun[]> {
  const { tenantId, contactId, strings } = options;
  const now = options.now ?? options.createdAt;
  if (strings.length === 0) return [];
  try {
    const rules = await loadEnabledRules(db, { tenantId, enabled: true });
    if (rules.length === 0) return [];
    // Each string's list by the Spam Manager's one rule (list-coverage.ts): its own entry, its
    // domain's for a URL, deny for a domain all of whose URLs are denied. A bare domain mention is
    // its domain, which the message holds too.
    const judged = strings.filter((string) => !isBareDomainUrl(string));
    const entries = await db.spamListEntry.findMany({
      where: {
        tenantId,
        OR: strings.flatMap(({ kind, value, domain }) => [
          { kind, value },
          ...(kind === "url" && domain ? [{ kind: "domain" as const, value: domain }] : []),
        ]),
      },
      select: { list: true, kind: true, value: true },
    });
    const listed = new Map(entries.map((entry) => [`${entry.kind}\u0000${entry.value}`, entry.list]));
    // Rule 3 looks at the retention window: read it only when a domain without an entry needs it,
    // and ask for all such domains of the message in one statement (a message may name dozens).
    let windowStart: Promise<Date> | undefined;
    const since = () => (windowStart ??= spamWindowStart(db, tenantId, now));
    const unlisted = judged
      .filter((string) => string.kind === "domain" && !listed.has(`domain\u0000${string.value}`))
      .map((string) => string.value);
    const deniedByUrls = new Set<string>();
    if (unlisted.length) {
      const rows = await db.$queryRaw<Array<{ domain: string }>>`
        SELECT d AS "domain" FROM unnest(${unlisted}::text[]) AS d
          WHERE ${allUrlsDenied(Prisma.sql`${tenantId}`, Prisma.sql`d`, await since())}`;
      for (const row of rows) deniedByUrls.add(row.domain);
    }
    const lists = await Promise.all(
      judged.map((string) =>
        effectiveList(
          string,
          (kind, value) => listed.get(`${kind}\u0000${value}`) ?? null,
          async (domain) => deniedByUrls.has(domain),
        ),
      ),
    );
    const hasDenied = lists.includes("deny");
    const hasUncategorized = lists.includes(null);
    // Disguised strings that are not allowed ("evil[.]com" is trusted however written once evil.com is
    // allowed). A bare domain mention is judged as its domain.
    const judgedList = new Map(judged.map((string, i) => [`${string.kind}\u0000${string.value}`, lists[i]]));
    const listOf = (string: MessageSpamString) =>
      judgedList.get(`${string.kind}\u0000${string.value}`) ??
      (string.domain ? judgedList.get(`domain\u0000${string.domain}`) : null) ??
      null;
    const disguisedKinds = new Set(
      strings.filter((string) => string.obfuscated && listOf(string) !== "allow").map((string) => string.kind),
    );

    const burstCounts = new Map<number, Promise<number>>();
    /** The rule's window when this message sets it off, else null. */
    const windowSetOff = async (rule: SpamRuleDefinition): Promise<number | null> => {
      switch (rule.trigger) {
        // Score rules run from the message's score (runSpamScoreRules), strings or not.
        case "spam_score":
          return null;
        case "denied_string":
          return hasDenied ? rule.params.windowMinutes : null;
        case "disguised_string": {
          const kinds = rule.params.kinds ?? SPAM_STRING_KINDS;
          return kinds.some((kind) => disguisedKinds.has(kind)) ? rule.params.windowMinutes : null;
        }
        case "uncategorized_burst": {
          if (!hasUncategorized) return null;
          const { threshold, windowMinutes } = rule.params;
          let posts = burstCounts.get(windowMinutes);
          if (!posts) {
            posts = countUncategorizedPosts(db, tenantId, contactId, now, windowMinutes, await since());
            burstCounts.set(windowMinutes, posts);
          }
          return (await posts) >= threshold ? windowMinutes : null;
        }
      }
    };
    const runs: RuleRun[] = [];
    for (const rule of rules) {
      try {
        const windowMinutes = await windowSetOff(rule);
        if (windowMinutes === null) continue;
        const run = await runRule(db, { tenantId, contactId, now, rule, windowKey: windowKeyOf(now, windowMinutes) });
        if (run) runs.push(run);
      } catch (error) {
        console.error(`[spam-rules] rule ${rule.id} failed on message ${options.messageId}:`, error);
      }
    }
    await announceRuns(db, tenantId, runs);
    return runs;
  } catch (error) {
    console.error(`[spam-rules] rules for message ${options.messageId} failed:`, error);
    return [];
  }
}

/**
 * Runs the tenant's enabled "score ≥ X" rules whose X the message's spam score reaches (ingest calls it
 * only when one may: lib/spam-detection). Never throws; one run per user per rule per window.
 */
export async function runSpamScoreRules(
  db: Db,
  options: IncomingMessageFacts & { spamScore: number; now?: Date },
): Promise<RuleRun[]> {
  const now = options.now ?? options.createdAt;
  try {
    const rules = await loadEnabledRules(db, { tenantId: options.tenantId, enabled: true, trigger: "spam_score" });
    const runs: RuleRun[] = [];
    for (const rule of rules) {
      try {
        // (Every rule loaded is a score rule: this tells TypeScript so.)
        if (rule.trigger !== "spam_score") continue;
        const { params } = rule;
        if (options.spamScore < params.minScore) continue;
        const run = await runRule(db, {
          tenantId: options.tenantId,
          contactId: options.contactId,
          now,
          rule,
          windowKey: windowKeyOf(now, params.windowMinutes),
        });
        if (run) runs.push(run);
      } catch (error) {
        console.error(`[spam-rules] rule ${rule.id} failed on message ${options.messageId}:`, error);
      }
    }
    await announceRuns(db, options.tenantId, runs);
    return runs;
  } catch (error) {
    console.error(`[spam-rules] score rules for message ${options.messageId} failed:`, error);
    return [];
  }
}

/** An enabled rule and its action, their params parsed where they are loaded. */
type LoadedRule = SpamRuleDefinition & {
  id: string;
  name: string;
  action: SpamActionDefinition & { id: string; name: string };
};

/**
 * The rules `where` picks, oldest first, parsed. A rule whose stored params (or its action's) do not parse is
 * logged and skipped: the others still run.
 */
async function loadEnabledRules(db: DbOrTx, where: Prisma.SpamRuleWhereInput): Promise<LoadedRule[]> {
  const rows = await db.spamRule.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      trigger: true,
      params: true,
      action: { select: { id: true, name: true, type: true, params: true } },
    },
  });
  return rows.flatMap(({ id, name, trigger, params, action }) => {
    try {
      return [
        {
          id,
          name,
          ...parseSpamRule(trigger, params),
          action: { id: action.id, name: action.name, ...parseSpamAction(action.type, action.params) },
        },
      ];
    } catch (error) {
      console.error(`[spam-rules] rule ${id} skipped: its params or its action's do not parse:`, error);
      return [];
    }
  });
}

/** The user's messages with at least one uncategorized string (list-coverage.ts) in (now − M minutes, now]. */
async function countUncategorizedPosts(
  db: DbOrTx,
  tenantId: string,
  contactId: string,
  now: Date,
  windowMinutes: number,
  since: Date,
): Promise<number> {
  const from = new Date(now.getTime() - windowMinutes * 60_000);
  const [row] = await db.$queryRaw<Array<{ posts: number }>>`
    SELECT count(DISTINCT o."messageId")::int AS "posts"
    FROM "SpamStringOccurrence" o JOIN "SpamString" s ON s."id" = o."spamStringId"
    WHERE o."tenantId" = ${tenantId} AND o."contactId" = ${contactId} AND o."createdAt" > ${from}
      AND o."createdAt" <= ${now}
      AND NOT ${BARE_DOMAIN_URL_SQL} AND ${effectiveListSql(since)} IS NULL`;
  return row?.posts ?? 0;
}

/** Runs went to the Actions Log, and their actions changed users: the Spam Manager's pages follow. */
async function announceRuns(db: Db, tenantId: string, runs: RuleRun[]): Promise<void> {
  if (runs.length) await announceSpamManagerChange(db, tenantId, { runs: runs.length, users: true });
}

const STARTED = "Started; did not finish.";

async function runRule(
  db: Db,
  {
    tenantId,
    contactId,
    now,
    rule,
    windowKey,
  }: {
    tenantId: string;
    contactId: string;
    now: Date;
    rule: Pick<LoadedRule, "id" | "name" | "action">;
    windowKey: string;
  },
): Promise<RuleRun | null> {
  let logId: string;
  try {
    // Claim the window first: the unique (ruleId, contactId, windowKey) lets one message through.
    const log = await db.actionLog.create({
      data: {
        tenantId,
        actionId: rule.action.id,
        actionName: rule.action.name,
        ruleId: rule.id,
        contactId,
        status: "failed",
        error: STARTED,
        manual: false,
        windowKey,
        createdAt: now,
      },
      select: { id: true },
    });
    logId = log.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  let failure: string | null = null;
  try {
    await executeSpamAction({
      db,
      actor: ruleActor(tenantId, rule),
      action: rule.action,
      contactId,
      source: "rule",
      now,
    });
  } catch (error) {
    failure = runError(error);
    console.error(
      `[spam-rules] rule "${rule.name}" (${rule.id}) could not run "${rule.action.name}" ` +
        `on contact ${contactId}: ${failure}`,
    );
  }
  await db.actionLog.update({
    where: { id: logId, tenantId },
    data: { status: failure === null ? "completed" : "failed", error: failure },
  });
  return { ruleId: rule.id, logId, status: failure === null ? "completed" : "failed" };
}
