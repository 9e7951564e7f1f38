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
import { DEFAULT_INBOX_SHAPE, seedInbox, seedTenant } from "./support/seed";
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
