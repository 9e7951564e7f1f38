// Figure 4 — Admission check with 100k active bans (and as many deactivated ones) and 10k live-chat
// blocks (and as many lifted or expired): admitIncomingMessage and admitLiveChatRequest as the app calls
// them, for random senders that are banned / blocked (hits: the check also counts the hit, a write) and
// that are not (misses). Target p99 ≤ 1 ms. Floor: the same look-ups (and hit counting) as hand-written
// SQL on the same driver, interleaved sample by sample.
import { admitIncomingMessage, admitLiveChatRequest } from "@/lib/admission";
import type { DatabaseHandle } from "@/lib/db";
import { borrowAsProcessDatabase } from "./support/process-database";
import { seededRandom } from "@/lib/seed/random";
import type { BenchContext } from "./support/context";
import {
  banChannel,
  banIdentifier,
  blockContactId,
  blockConversationId,
  seedBans,
  seedLiveChatBlocks,
  seedTenant,
} from "./support/seed";
import { summarize } from "./support/stats";
import type { FigureRow } from "./support/report";

// A realistic tenant has working hours: the check then also reads the clock in the tenant's zone.
const ALWAYS_OPEN = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ from: "00:00", to: "24:00" }]]),
);

const FLOOR = {
  findBan: `SELECT "id" FROM "Ban"
            WHERE "tenantId" = $1 AND "channel" = $2::"Channel" AND "identifier" = $3 AND "activeSlot" = 'active'
              AND ("expiresAt" IS NULL OR "expiresAt" > $4) LIMIT 1`,
  countBanHit: `UPDATE "Ban" SET "hitCount" = "hitCount" + 1, "lastHitAt" = $2 WHERE "id" = $1`,
  findBlock: `SELECT "id", "blockedUntil" FROM "LiveChatBlock"
              WHERE "tenantId" = $1 AND "contactId" = $2 AND "conversationId" IS NULL AND "unblockedAt" IS NULL
                AND "blockedUntil" > $3
              ORDER BY "blockedUntil" DESC LIMIT 1`,
  countBlockHit: `UPDATE "LiveChatBlock" SET "hitCount" = "hitCount" + 1, "lastHitAt" = $2 WHERE "id" = $1`,
};

export async function benchAdmission(ctx: BenchContext): Promise<FigureRow[]> {
  const bans = ctx.quick ? 10_000 : 100_000;
  const blocks = ctx.quick ? 2_000 : 10_000;
  const samples = ctx.quick ? 200 : 3_000;
  const warmUp = ctx.quick ? 50 : 300;
  const database = await ctx.databases.fresh();
  const handle = await database.open({ poolSize: 2 });
  // Admission answers from this handle's cache (lib/admission/admission-cache.ts), as the server's would.
  const giveBack = borrowAsProcessDatabase(handle);
  try {
    const tenant = await seedTenant(handle, { agents: 1 });
    await seedBans(handle, tenant, { active: bans, inactive: bans });
    await seedLiveChatBlocks(handle, tenant, { active: blocks, inactive: blocks });
    await handle.rawQuery(`VACUUM ANALYZE`);
    const tenantFacts = { id: tenant.tenantId, timeZone: "Europe/London", workingHours: ALWAYS_OPEN };
    const db = handle.prisma;
    const random = seededRandom(4);
    const now = () => new Date();

    // Hits: a banned identifier. Misses: half never banned, half banned once and deactivated.
    const banHit = () => 1 + Math.floor(random.next() * bans);
    const banMiss = () =>
      random.chance(0.5)
        ? 2 * bans + 1 + Math.floor(random.next() * bans)
        : bans + 1 + Math.floor(random.next() * bans);
    // Blocked: an authenticated contact with a block in force (blocks n % 5 != 0). Not blocked: lifted or expired.
    const blockHit = () => {
      const n = 1 + Math.floor(random.next() * blocks);
      return n % 5 === 0 ? n - 1 : n;
    };
    const blockMiss = () => {
      const n = blocks + 1 + Math.floor(random.next() * blocks);
      return n % 5 === 0 ? n - 1 : n;
    };

    const message = (n: number) => ({
      tenantId: tenant.tenantId,
      channel: banChannel(n),
      identifier: banIdentifier(n),
      contactId: `contact-${n}`,
    });
    const liveChat = (n: number) => ({
      tenant: tenantFacts,
      conversation: { id: blockConversationId(n), channel: "webchat" as const, context: {} },
      contact: { id: blockContactId(n), authenticated: true },
      identifiers: [`visitor-${n}`],
    });

    const cases: Array<{
      label: string;
      pick: () => number;
      ours: (n: number) => Promise<unknown>;
      floor: (n: number) => Promise<unknown>;
      expect: (r: unknown) => boolean;
    }> = [
      {
        label: "message, not banned",
        pick: banMiss,
        ours: (n) => admitIncomingMessage(db, message(n), now()),
        floor: (n) => floorMessage(handle, message(n)),
        expect: (r) => (r as { admitted: boolean }).admitted,
      },
      {
        label: "message, banned (+ hit count)",
        pick: banHit,
        ours: (n) => admitIncomingMessage(db, message(n), now()),
        floor: (n) => floorMessage(handle, message(n)),
        expect: (r) => !(r as { admitted: boolean }).admitted,
      },
      {
        label: "live chat, admitted",
        pick: blockMiss,
        ours: (n) => admitLiveChatRequest(db, liveChat(n), now()),
        floor: (n) => floorLiveChat(handle, tenant.tenantId, n),
        expect: (r) => (r as { connected: boolean }).connected,
      },
      {
        label: "live chat, blocked (+ hit count)",
        pick: blockHit,
        ours: (n) => admitLiveChatRequest(db, liveChat(n), now()),
        floor: (n) => floorLiveChat(handle, tenant.tenantId, n),
        expect: (r) => (r as { state?: string }).state === "IsBlockedForLiveChat",
      },
    ];

    const rows: FigureRow[] = [];
    for (const c of cases) {
      const ours: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < warmUp + samples; i++) {
        const n = c.pick();
        const first = i % 2 === 0;
        for (const side of first ? (["ours", "floor"] as const) : (["floor", "ours"] as const)) {
          const started = process.hrtime.bigint();
          const result = await c[side](n);
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (side === "ours" && !c.expect(result))
            throw new Error(`${c.label}: unexpected decision ${JSON.stringify(result)} for sender ${n}`);
          if (i >= warmUp) (side === "ours" ? ours : floor).push(ms);
        }
      }
      const o = summarize(ours);
      const f = summarize(floor);
      rows.push({
        figure: "4 admission",
        label: c.label,
        unit: "ms",
        value: { median: o.median, p95: o.p95, p99: o.p99 },
        floor: { median: f.median, p95: f.p95, p99: f.p99 },
        ratio: o.p99 / f.p99,
        ratioOf: "p99",
        target: "p99 ≤ 1 ms",
        pass: o.p99 <= 1,
        notes:
          `${bans.toLocaleString("en-US")} active + ${bans.toLocaleString("en-US")} deactivated bans, ` +
          `${blocks.toLocaleString("en-US")} live-chat blocks in force + ${blocks.toLocaleString("en-US")} ` +
          `lifted/expired; ${samples} random senders per case after ${warmUp} warm-up, interleaved with the floor; ` +
          `tenant with working hours`,
        details: { ours: o, floor: f },
      });
    }
    return rows;
  } finally {
    await giveBack();
    await handle.close();
  }
}

async function floorMessage(
  handle: DatabaseHandle,
  sender: { tenantId: string; channel: string; identifier: string },
): Promise<boolean> {
  const at = new Date();
  const [ban] = await handle.rawQuery<{ id: string }>(FLOOR.findBan, [
    sender.tenantId,
    sender.channel,
    sender.identifier,
    at,
  ]);
  if (ban) await handle.rawQuery(FLOOR.countBanHit, [ban.id, at]);
  return !ban;
}

async function floorLiveChat(handle: DatabaseHandle, tenantId: string, n: number): Promise<boolean> {
  const at = new Date();
  const [ban] = await handle.rawQuery<{ id: string }>(FLOOR.findBan, [tenantId, "webchat", `visitor-${n}`, at]);
  if (ban) return false;
  const [block] = await handle.rawQuery<{ id: string }>(FLOOR.findBlock, [tenantId, blockContactId(n), at]);
  if (block) await handle.rawQuery(FLOOR.countBlockHit, [block.id, at]);
  return !block;
}
