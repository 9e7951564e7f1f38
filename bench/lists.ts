// Figure 2 — Lists: the first page (50) of All, You, Unassigned and Spam, and page 100 of All by
// cursor, through the app's own listConversations() in-process, at 100k conversations and 1M messages
// with 5% spam contacts; against the floor: one hand-written SQL statement for the same page (same
// rows, same columns, contact, assignee and label chips) on the same indexes and the same driver
// (DatabaseHandle.rawQuery). Samples interleave ours and the floor so drift hits both alike.
import { listConversations, PAGE_SIZE } from "@/lib/inbox/list-conversations";
import { encodeCursor } from "@/lib/db/cursor";
import type { AgentActor } from "@/lib/auth/actor";
import type { DatabaseHandle } from "@/lib/db";
import type { BenchContext } from "./support/context";
import { BENCH_SEED, DEFAULT_INBOX_SHAPE, seedBans, seedInbox, seedTenant } from "./support/seed";
import type { StatementTrace } from "./support/traced-adapter";
import { listBans, offsetCursor } from "@/lib/blacklist/list-bans";
import { BAN_SORTS, listBansQuerySchema, type ListBansQuery } from "@/lib/blacklist/ban-schemas";
import { listSessions } from "@/lib/sessions/list-sessions";
import { LAST_NAMES } from "@/lib/seed/names";
import { summarize } from "./support/stats";
import type { FigureRow } from "./support/report";

type ListCase = { label: string; list: "all" | "mine" | "unassigned" | "spam"; page: 1 | 100 };

const CASES: ListCase[] = [
  { label: "All, first page", list: "all", page: 1 },
  { label: "You, first page", list: "mine", page: 1 },
  { label: "Unassigned, first page", list: "unassigned", page: 1 },
  { label: "Spam, first page", list: "spam", page: 1 },
  { label: "All, page 100 (cursor)", list: "all", page: 100 },
];

/** The floor: the page in one statement, with its contact, assignee and labels. */
export function floorSql(list: ListCase["list"], withCursor: boolean): string {
  const where = {
    all: `c."tenantId" = $1 AND c."bucket" = 'active'`,
    mine: `c."tenantId" = $1 AND c."bucket" = 'active' AND c."assigneeId" = $2`,
    unassigned: `c."tenantId" = $1 AND c."bucket" = 'active' AND c."assigneeId" IS NULL`,
    spam: `c."tenantId" = $1 AND c."bucket" = 'spam'`,
  }[list];
  const next = list === "mine" ? 3 : 2;
  const cursor = withCursor ? ` AND (c."lastMessageAt", c."id") < ($${next}::timestamptz, $${next + 1}::text)` : "";
  return `
    SELECT c."id", c."tenantId", c."channel", c."status", c."bucket", c."assigneeId", c."spamMarkedById",
           c."lastMessageAt", c."lastMessagePreview", c."queuedAt", c."createdAt", ct."id" AS "contactId",
           ct."name" AS "contactName", a."name" AS "assigneeName",
           (SELECT coalesce(json_agg(json_build_object('id', l."id", 'name', l."name", 'color', l."color")
                                     ORDER BY cl."createdAt"), '[]')
              FROM "ConversationLabel" cl JOIN "Label" l ON l."id" = cl."labelId"
             WHERE cl."conversationId" = c."id") AS "labels"
    FROM (SELECT * FROM "Conversation" c WHERE ${where}${cursor}
          ORDER BY c."lastMessageAt" DESC, c."id" DESC LIMIT ${PAGE_SIZE + 1}) c
    JOIN "Contact" ct ON ct."id" = c."contactId"
    LEFT JOIN "Agent" a ON a."id" = c."assigneeId"
    ORDER BY c."lastMessageAt" DESC, c."id" DESC`;
}

export async function benchLists(ctx: BenchContext): Promise<FigureRow[]> {
  const shape = ctx.quick ? { ...DEFAULT_INBOX_SHAPE, conversations: 10_000 } : DEFAULT_INBOX_SHAPE;
  const rounds = ctx.quick ? 40 : 1_000;
  const warmUp = ctx.quick ? 10 : 30;
  const database = await ctx.databases.fresh();
  const handle = await database.open({ poolSize: 2 });
  try {
    const seedStarted = Date.now();
    const tenant = await seedTenant(handle, { agents: 20 });
    const { spamContacts, contacts } = await seedInbox(handle, tenant, shape, ctx.log);
    ctx.log(
      `  lists: seeded ${shape.conversations.toLocaleString("en-US")} conversations, ` +
        `${(shape.conversations * shape.messagesPerConversation).toLocaleString("en-US")} messages, ` +
        `${spamContacts}/${contacts} spam contacts in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`,
    );
    const agent = tenant.agents[1]!;
    const actor: AgentActor = {
      kind: "agent",
      tenantId: tenant.tenantId,
      agentId: agent.id,
      role: "AGENT",
      canSeeAllChats: true,
      name: agent.name,
      email: agent.email,
    };

    // Page 100 starts after row 4,950 of All: its cursor, as the 99th nextCursor would carry it.
    const [row4950] = await handle.rawQuery<{ id: string; lastMessageAt: Date | string }>(
      `SELECT "id", "lastMessageAt" FROM "Conversation" WHERE "tenantId" = $1 AND "bucket" = 'active' ORDER BY ` +
        `"lastMessageAt" DESC, "id" DESC OFFSET ${99 * PAGE_SIZE - 1} LIMIT 1`,
      [tenant.tenantId],
    );
    if (!row4950) throw new Error("the All list has fewer than 4,950 conversations");
    const cursorAt = new Date(row4950.lastMessageAt);
    const cursor = encodeCursor(cursorAt, row4950.id);
    const sizes = await listSizes(handle, tenant.tenantId, agent.id);

    const runs = CASES.map((c) => {
      const params: unknown[] = [
        tenant.tenantId,
        ...(c.list === "mine" ? [agent.id] : []),
        ...(c.page === 100 ? [cursorAt.toISOString(), row4950.id] : []),
      ];
      const sql = floorSql(c.list, c.page === 100);
      const query = { list: c.list, limit: PAGE_SIZE, ...(c.page === 100 ? { cursor } : {}) };
      return {
        case: c,
        ours: () => listConversations({ db: handle.prisma, actor, input: query }),
        floor: () => handle.rawQuery<{ id: string }>(sql, params),
        oursMs: [] as number[],
        floorMs: [] as number[],
      };
    });

    // Same rows, same order: the floor answers the same question.
    for (const run of runs) {
      const [ours, floor] = [await run.ours(), await run.floor()];
      const floorIds = floor
        .slice(0, PAGE_SIZE)
        .map((r) => r.id)
        .join();
      if (ours.items.map((i) => i.id).join() !== floorIds || ours.items.length !== PAGE_SIZE) {
        throw new Error(
          `${run.case.label}: listConversations and the floor SQL disagree ` +
            `(${ours.items.length} vs ${floor.length} rows)`,
        );
      }
    }
    for (let round = 0; round < warmUp + rounds; round++) {
      for (const run of runs) {
        // Alternate which goes first, so neither always finds the other's pages in cache.
        const order = round % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const);
        for (const side of order) {
          const started = process.hrtime.bigint();
          await run[side]();
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (round >= warmUp) (side === "ours" ? run.oursMs : run.floorMs).push(ms);
        }
      }
    }

    const sizeNote =
      `${shape.conversations.toLocaleString("en-US")} conversations, ` +
      `${(shape.conversations * shape.messagesPerConversation).toLocaleString("en-US")} messages, ` +
      `${(shape.spamContactShare * 100).toFixed(0)}% spam contacts; list sizes All ${sizes.all}, You ` +
      `${sizes.mine}, Unassigned ${sizes.unassigned}, Spam ${sizes.spam}; ${rounds} samples each after ${warmUp} ` +
      `warm-up, interleaved with the floor`;
    return runs.map((run) => {
      const ours = summarize(run.oursMs);
      const floor = summarize(run.floorMs);
      const ratio = ours.p95 / floor.p95;
      return {
        figure: "2 lists",
        label: run.case.label,
        unit: "ms" as const,
        value: { median: ours.median, p95: ours.p95, p99: ours.p99 },
        floor: { median: floor.median, p95: floor.p95, p99: floor.p99 },
        ratio,
        ratioOf: "p95" as const,
        target: "p95 ≤ 1.5× floor",
        pass: ratio <= 1.5,
        notes: sizeNote,
        details: { samples: rounds, ours, floor },
      };
    });
  } finally {
    await handle.close();
  }
}

async function listSizes(
  handle: DatabaseHandle,
  tenantId: string,
  agentId: string,
): Promise<Record<ListCase["list"], number>> {
  const [row] = await handle.rawQuery<Record<string, string | number>>(
    `SELECT count(*) FILTER (WHERE "bucket" = 'active') AS "all",
            count(*) FILTER (WHERE "bucket" = 'active' AND "assigneeId" = $2) AS "mine",
            count(*) FILTER (WHERE "bucket" = 'active' AND "assigneeId" IS NULL) AS "unassigned",
            count(*) FILTER (WHERE "bucket" = 'spam') AS "spam"
     FROM "Conversation" WHERE "tenantId" = $1`,
    [tenantId, agentId],
  );
  return {
    all: Number(row!.all),
    mine: Number(row!.mine),
    unassigned: Number(row!.unassigned),
    spam: Number(row!.spam),
  };
}

// Figure 2b — Lists at depth: the Blacklist (Settings → Blacklist, GET /api/v1/bans) with 100,000 bans,
// page 1, a middle page and the last page, for each sort and filter it offers; and the Sessions search
// (ILIKE over contact name, identity and last message preview) with 100,000 conversations in the tenant
// and as many in a second tenant. Through the app's listBans() / listSessions() in-process; each case's
// slowest statement is EXPLAIN ANALYZEd once into the log. No floor: the question is how the cost grows
// with the page's depth and the table's size, not the framework's overhead.

type BanCase = { label: string; query: Partial<ListBansQuery> };

const BAN_CASES: BanCase[] = [
  ...BAN_SORTS.map((sort) => ({ label: `all, by ${sort} desc`, query: { status: "all" as const, sort } })),
  { label: "all, by createdAt asc", query: { status: "all", sort: "createdAt", dir: "asc" } },
  { label: "all, by hitCount asc", query: { status: "all", sort: "hitCount", dir: "asc" } },
  { label: "active (default view)", query: {} },
  { label: "inactive", query: { status: "inactive" } },
  { label: "all, channel email", query: { status: "all", channel: "email" } },
  { label: "all, search 'spammer1'", query: { status: "all", q: "spammer1" } },
];

const BAN_PAGE_SIZE = 50;
const SEARCH_TERMS = [
  { label: "a last name (many matches)", q: LAST_NAMES[3]! },
  // Contact 4242's identity is on webchat ("id-4242"): the address matches no row, by the trigram index.
  { label: "an email address (matches none)", q: "contact4242@" },
  { label: "a preview word", q: "free" },
  { label: "no match (reads everything)", q: "zzqx" },
];

export async function benchListDepth(ctx: BenchContext): Promise<FigureRow[]> {
  const bans = ctx.quick ? 10_000 : 100_000;
  const conversations = ctx.quick ? 10_000 : 100_000;
  const samples = ctx.quick ? 3 : 10;
  const database = await ctx.databases.fresh();
  let explain = false;
  let statements: StatementTrace[] = [];
  const handle = await database.open({
    poolSize: 2,
    hooks: { onStatement: (trace) => explain && statements.push(trace) },
  });
  try {
    const seedStarted = Date.now();
    const tenant = await seedTenant(handle, { agents: 5 });
    const other = await seedTenant(handle, { agents: 0, seed: BENCH_SEED + 1, name: "Bench Other" });
    await seedBans(handle, tenant, { active: Math.round(bans * 0.9), inactive: Math.round(bans * 0.1) });
    // Hits: most bans never hit; a third did, some often (the hit/last-hit sorts have ties and NULLs).
    await handle.rawQuery(
      `UPDATE "Ban" SET "hitCount" = h, "lastHitAt" = "createdAt" + (h * interval '1 hour')
       FROM (SELECT "id" AS bid, CASE WHEN abs(hashtext("id")) % 3 = 0 THEN 1 + abs(hashtext("id")) % 40 ELSE 0 END
             AS h FROM "Ban") x WHERE "id" = x.bid AND x.h > 0`,
    );
    await seedInbox(handle, tenant, { ...DEFAULT_INBOX_SHAPE, conversations, messagesPerConversation: 0 }, ctx.log);
    await copyInboxToTenant(handle, tenant.tenantId, other.tenantId);
    await handle.rawQuery(`VACUUM ANALYZE`);
    ctx.log(
      `  list depth: seeded ${bans.toLocaleString("en-US")} bans and 2 × ${conversations.toLocaleString("en-US")} ` +
        `conversations in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`,
    );
    const admin: AgentActor = {
      kind: "agent",
      tenantId: tenant.tenantId,
      agentId: tenant.agents[0]!.id,
      role: "ADMIN",
      canSeeAllChats: true,
      name: tenant.agents[0]!.name,
      email: tenant.agents[0]!.email,
    };
    const db = handle.prisma;

    /** Times `run` `samples` times after one warm-up; EXPLAIN ANALYZEs its slowest statement once. */
    const measure = async (label: string, run: () => Promise<unknown>) => {
      statements = [];
      explain = true;
      await run();
      explain = false;
      const slowest = [...statements].sort((a, b) => b.ms - a.ms)[0];
      const ms: number[] = [];
      for (let i = 0; i < samples; i++) {
        const started = process.hrtime.bigint();
        await run();
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const summary = summarize(ms);
      let plan = "";
      if (slowest) {
        const rows = await handle.rawQuery<Record<string, string>>(
          `EXPLAIN (ANALYZE, BUFFERS OFF) ${slowest.sql}`,
          (slowest.args ?? []) as unknown[],
        );
        plan = rows.map((row) => Object.values(row)[0]).join("\n");
      }
      ctx.log(`  ${label}: median ${summary.median.toFixed(1)} ms (${statements.length} statements)`);
      if (plan) ctx.log(plan.replace(/^/gm, "      "));
      return { summary, statements: statements.length, slowestMs: slowest?.ms ?? 0, plan };
    };

    const rows: FigureRow[] = [];
    const row = (label: string, m: Awaited<ReturnType<typeof measure>>, notes: string): FigureRow => ({
      figure: "2b list depth",
      label,
      unit: "ms",
      value: { median: m.summary.median, p95: m.summary.p95, p99: m.summary.p99 },
      floor: null,
      ratio: null,
      ratioOf: null,
      target: "informs (≤ 50 ms at any depth)",
      pass: null,
      notes,
      details: { samples, statements: m.statements, plan: m.plan },
    });

    const banNotes =
      `${bans.toLocaleString("en-US")} bans (90% active, a tenth of those expiring, a third hit), ` +
      `page size ${BAN_PAGE_SIZE}`;
    for (const c of BAN_CASES) {
      const query = listBansQuerySchema.parse({ ...c.query, limit: BAN_PAGE_SIZE });
      const first = await listBans.fromUntrusted({ db, actor: admin, input: query });
      const pages = Math.max(1, Math.ceil(first.total / BAN_PAGE_SIZE));
      for (const [where, page] of [
        ["page 1", 1],
        ["middle page", Math.ceil(pages / 2)],
        ["last page", pages],
      ] as const) {
        const cursor = await banPageCursor(db, admin, query, page);
        const m = await measure(`Blacklist ${c.label}, ${where} (${page} of ${pages})`, () =>
          listBans.fromUntrusted({ db, actor: admin, input: { ...query, ...(cursor ? { cursor } : {}) } }),
        );
        rows.push(row(`Blacklist ${c.label}, ${where}`, m, banNotes));
      }
    }

    const sessionNotes =
      `${conversations.toLocaleString("en-US")} conversations in the tenant and as many in a second one; ` +
      `first page (50)`;
    for (const term of SEARCH_TERMS) {
      const m = await measure(`Sessions search ${term.label} "${term.q}"`, () =>
        listSessions.fromUntrusted({ db, actor: admin, input: { q: term.q } }),
      );
      rows.push(row(`Sessions search, ${term.label}`, m, sessionNotes));
    }
    const m = await measure("Sessions, no search", () => listSessions.fromUntrusted({ db, actor: admin, input: {} }));
    rows.push(row("Sessions, no search", m, sessionNotes));
    return rows;
  } finally {
    await handle.close();
  }
}

/**
 * The cursor that opens page `page` of the list (undefined for page 1), as the Next of page `page - 1` carries
 * it: that page is read once by its page number's (offset) cursor, which the list still answers.
 */
async function banPageCursor(
  db: DatabaseHandle["prisma"],
  actor: AgentActor,
  query: ListBansQuery,
  page: number,
): Promise<string | undefined> {
  if (page <= 1) return undefined;
  const cursor = offsetCursor((page - 2) * BAN_PAGE_SIZE);
  const before = await listBans.fromUntrusted({ db, actor, input: { ...query, ...(cursor ? { cursor } : {}) } });
  return before.nextCursor ?? undefined;
}

/** The tenant's contacts, identities and conversations again in another tenant (ids prefixed), messages not. */
async function copyInboxToTenant(handle: DatabaseHandle, from: string, to: string): Promise<void> {
  await handle.rawQuery(
    `INSERT INTO "Contact" ("id", "tenantId", "name", "spamMarkedAt", "createdAt", "lastSeenAt")
     SELECT 'b' || "id", $2, "name", "spamMarkedAt", "createdAt", "lastSeenAt" FROM "Contact" WHERE "tenantId" = $1`,
    [from, to],
  );
  await handle.rawQuery(
    `INSERT INTO "ContactIdentity" ("id", "tenantId", "contactId", "channel", "identifier", "createdAt")
     SELECT 'b' || "id", $2, 'b' || "contactId", "channel", "identifier", "createdAt"
     FROM "ContactIdentity" WHERE "tenantId" = $1`,
    [from, to],
  );
  await handle.rawQuery(
    `INSERT INTO "Conversation" ("id", "tenantId", "contactId", "channel", "status", "bucket", "lastMessageAt",
                                 "lastMessagePreview", "createdAt", "updatedAt")
     SELECT 'b' || "id", $2, 'b' || "contactId", "channel", "status", "bucket", "lastMessageAt",
            "lastMessagePreview", "createdAt", "updatedAt"
     FROM "Conversation" WHERE "tenantId" = $1`,
    [from, to],
  );
}
