// The audit log's retention (setting, purge job) and its reader (page use case and GET /api/v1/audit-log), on a
// real database.
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { runJobOnce } from "@/lib/jobs/scheduler";
import {
  auditLogRetentionJob,
  getAuditLogRetention,
  purgeAuditLog,
  updateAuditLogRetention,
} from "@/lib/audit-log/retention";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { encodeKeyset } from "@/lib/db/cursor";
import { GET as listAuditLogRoute } from "@/app/api/v1/audit-log/route";

const DAY = 86_400_000;

async function oldEntries(db: Db, tenantId: string, ages: number[], now: Date, action = "label.created") {
  await db.auditLog.createMany({
    data: ages.map((age) => ({
      tenantId,
      actorKind: "system",
      action,
      targetType: "label",
      createdAt: new Date(now.getTime() - age * DAY),
    })),
  });
}

const ageCounts = async (db: Db, tenantId: string) => db.auditLog.count({ where: { tenantId } });

describe("audit log retention", () => {
  it("is 365 days by default; only a signed-in admin changes it, within 30–3650 days, audited", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    expect(await getAuditLogRetention({ db, actor: team.admin.actor })).toEqual({ auditLogRetentionDays: 365 });

    await expect(
      updateAuditLogRetention.fromUntrusted({ db, actor: team.agent.actor, input: { auditLogRetentionDays: 90 } }),
    ).rejects.toMatchObject({ status: 403 });
    // A supervisor, and an API key (a leaked key must not shorten the log that would show its use).
    await expect(
      updateAuditLogRetention.fromUntrusted({ db, actor: team.supervisor.actor, input: { auditLogRetentionDays: 90 } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateAuditLogRetention.fromUntrusted({ db, actor: team.service, input: { auditLogRetentionDays: 90 } }),
    ).rejects.toMatchObject({ status: 403 });
    // Refused before its input is even read.
    await expect(
      updateAuditLogRetention.fromUntrusted({ db, actor: team.agent.actor, input: { auditLogRetentionDays: "x" } }),
    ).rejects.toMatchObject({ status: 403 });

    for (const bad of [29, 3651, 90.5, "ninety", null, -1]) {
      await expect(
        updateAuditLogRetention.fromUntrusted({ db, actor: team.admin.actor, input: { auditLogRetentionDays: bad } }),
      ).rejects.toMatchObject({ status: 400, details: { fields: [{ field: "auditLogRetentionDays" }] } });
    }
    expect(await getAuditLogRetention({ db, actor: team.admin.actor })).toEqual({ auditLogRetentionDays: 365 });

    expect(
      await updateAuditLogRetention.fromUntrusted({
        db,
        actor: team.admin.actor,
        input: { auditLogRetentionDays: "90" },
      }),
    ).toEqual({ auditLogRetentionDays: 90 });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { tenantId: team.tenant.id, action: "tenant.audit_log_retention_updated" },
    });
    expect(entry).toMatchObject({
      actorKind: "agent",
      actorId: team.admin.agent.id,
      targetType: "tenant",
      data: { auditLogRetentionDays: 90, previous: 365 },
    });
    const page = await listAuditLog({ db, actor: team.admin.actor, input: { action: "tenant", limit: 10 } });
    expect(page.items[0]).toMatchObject({
      description: "Set the audit log to keep 90 days (was 365 days)",
      actor: { kind: "agent", name: "Ada Admin" },
    });
  });

  it("purges only each tenant's entries older than its own retention, in bounded batches, recorded", async () => {
    const db = testDatabase().prisma;
    const now = new Date();
    const short = await createTeam(db);
    const long = await createTeam(db);
    await updateAuditLogRetention({ db, actor: short.admin.actor, input: { auditLogRetentionDays: 30 } });
    const shortBefore = await ageCounts(db, short.tenant.id);
    const longBefore = await ageCounts(db, long.tenant.id);
    // 5 past 30 days and 2 within them; the other tenant (365 days) keeps its 40-day-old ones, loses 400-day-old.
    await oldEntries(db, short.tenant.id, [31, 40, 100, 400, 1000, 29, 1], now);
    await oldEntries(db, long.tenant.id, [31, 40, 364, 366, 500], now);

    const result = await purgeAuditLog(db, now, { batchSize: 2 });
    expect(result).toMatchObject({ entriesDeleted: 7, tenants: 2 });
    // 5 rows in batches of 2 (2, 2, 1), then 2 rows (2, then an empty one that is not counted).
    expect(result.batches).toBe(4);
    expect(await ageCounts(db, short.tenant.id)).toBe(shortBefore + 2);
    expect(await ageCounts(db, long.tenant.id)).toBe(longBefore + 3);
    const oldest = await db.auditLog.findFirstOrThrow({
      where: { tenantId: short.tenant.id },
      orderBy: { createdAt: "asc" },
    });
    expect(now.getTime() - oldest.createdAt.getTime()).toBeLessThan(30 * DAY);

    // The scheduler's job runs the same purge: nothing older is left.
    const outcome = await runJobOnce(db, auditLogRetentionJob, now);
    expect(outcome).toMatchObject({ ran: true, result: { entriesDeleted: 0 } });
    expect(await db.jobRun.findFirst({ where: { job: "audit-log-retention" } })).toMatchObject({ error: null });
  });

  it("finds a batch to purge by a range of the (tenantId, createdAt) index, never by reading the table", async () => {
    const db = testDatabase().prisma;
    const now = new Date();
    const busy = await createTeam(db);
    const quiet = await createTeam(db);
    // A log big enough for the planner to choose: the busy tenant's refusals, mostly recent.
    await oldEntries(
      db,
      busy.tenant.id,
      Array.from({ length: 3000 }, (_, i) => (i % 400) / 10),
      now,
      "live_chat.connect_refused",
    );
    await oldEntries(
      db,
      quiet.tenant.id,
      Array.from({ length: 300 }, (_, i) => i),
      now,
    );
    await db.$executeRawUnsafe('ANALYZE "AuditLog"');
    const before = new Date(now.getTime() - 30 * DAY);
    const plan = await db.$queryRaw<Array<{ "QUERY PLAN": string }>>`
      EXPLAIN DELETE FROM "AuditLog" WHERE "id" = ANY(ARRAY(
        SELECT "id" FROM "AuditLog" WHERE "tenantId" = ${quiet.tenant.id} AND "createdAt" < ${before}::timestamptz
        LIMIT 5000))`;
    const text = plan.map((line) => line["QUERY PLAN"]).join("\n");
    // The batch: a range of the tenant's (tenantId, createdAt) index; the rows: by primary key.
    expect(text).toMatch(
      /Index Scan (using|on) "AuditLog_tenantId_createdAt_idx"[^\n]*\n\s+Index Cond: .*"tenantId" = .*"createdAt" </,
    );
    expect(text).toMatch(/Index Scan using "AuditLog_pkey"/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});

describe("the audit log reader", () => {
  async function teamWithHistory(db: Db) {
    const team = await createTeam(db);
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+447700900123", reason: "abuse" },
      source: "admin_add",
    });
    await deactivateBan({ db, actor: team.supervisor.actor, banId: ban.id });
    await updateGeneralSettings({ db, actor: team.service, input: { defaultPhoneRegion: "GB" } });
    return { ...team, ban };
  }

  it("lists newest first with people's names, sentences and targets, and pages by cursor without repeats", async () => {
    const db = testDatabase().prisma;
    const team = await teamWithHistory(db);
    const first = await listAuditLog.fromUntrusted({ db, actor: team.admin.actor, input: { limit: "2" } });
    expect(first.items.map((item) => item.action)).toEqual(["tenant.general_settings_updated", "ban.deactivated"]);
    expect(first.items[0]).toMatchObject({
      actor: { kind: "api_key", id: team.service.apiKeyId, name: `API key ${team.service.apiKeyName}` },
      description: "Changed general settings: default phone region",
      target: { type: "tenant", name: "Workspace settings" },
    });
    expect(first.items[1]).toMatchObject({
      actor: { kind: "agent", id: team.supervisor.agent.id, name: "Sam Supervisor" },
      description: "Lifted a ban on WhatsApp",
      target: { type: "ban", id: team.ban.id, name: "+447700900123", extra: "whatsapp" },
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditLog.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { limit: "2", cursor: first.nextCursor },
    });
    expect(second.items[0]).toMatchObject({ action: "ban.created", actor: { name: "Ada Admin" } });
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps rows of one instant apart by id across pages", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const at = new Date("2026-11-01T10:00:00Z");
    await db.auditLog.createMany({
      data: Array.from({ length: 5 }, () => ({
        tenantId: team.tenant.id,
        actorKind: "system",
        action: "some.future_action",
        targetType: "thing",
        createdAt: at,
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditLog.fromUntrusted({
        db,
        actor: team.admin.actor,
        input: { limit: "2", action: "some", ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.items.map((item) => item.id));
      // An action this version does not know reads as itself.
      for (const item of page.items) expect(item.description).toBe("some.future_action");
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("filters by action, group, actor, target and date range", async () => {
    const db = testDatabase().prisma;
    const team = await teamWithHistory(db);
    const actions = async (input: Record<string, string>) =>
      (await listAuditLog.fromUntrusted({ db, actor: team.admin.actor, input })).items.map((item) => item.action);

    expect(await actions({ action: "ban" })).toEqual(["ban.deactivated", "ban.created"]);
    expect(await actions({ action: "ban.created" })).toEqual(["ban.created"]);
    expect(await actions({ actorKind: "api_key" })).toEqual(["tenant.general_settings_updated"]);
    expect(await actions({ actorKind: "agent", actorId: team.supervisor.agent.id })).toEqual(["ban.deactivated"]);
    expect(await actions({ targetType: "ban", targetId: team.ban.id })).toEqual(["ban.deactivated", "ban.created"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await actions({ action: "ban", from: today, to: today })).toHaveLength(2);
    expect(await actions({ action: "ban", to: "2000-01-01" })).toEqual([]);
    expect(await actions({ action: "ban", from: "2000-01-01T00:00:00Z", to: "9999-01-01" })).toHaveLength(2);
    // The ends of the calendar, read in far zones, are still a range the database takes.
    expect(await actions({ action: "ban", from: "0001-01-01", to: "9999-12-31", timeZone: "Asia/Tokyo" })).toHaveLength(
      2,
    );
    expect(await actions({ action: "ban", to: "9999-12-31", timeZone: "Pacific/Kiritimati" })).toHaveLength(2);
    expect(await actions({ action: "ban", from: "9999-12-31", to: "9999-12-31" })).toEqual([]);
    // A day read in a zone: the whole of today somewhere is at most a day off UTC's.
    expect(await actions({ action: "ban", from: today, timeZone: "Pacific/Kiritimati" })).toHaveLength(2);
  });

  it("is for admins and API keys; every other agent gets 403 whatever they pass", async () => {
    const db = testDatabase().prisma;
    const team = await teamWithHistory(db);
    for (const actor of [team.agent.actor, team.supervisor.actor, team.limited.actor]) {
      await expect(listAuditLog.fromUntrusted({ db, actor, input: {} })).rejects.toMatchObject({ status: 403 });
      await expect(listAuditLog.fromUntrusted({ db, actor, input: { cursor: "garbage" } })).rejects.toMatchObject({
        status: 403,
      });
    }
    expect((await listAuditLog.fromUntrusted({ db, actor: team.service, input: {} })).items.length).toBeGreaterThan(0);
  });

  it("never shows or names another tenant's rows", async () => {
    const db = testDatabase().prisma;
    const mine = await teamWithHistory(db);
    const theirs = await teamWithHistory(db);
    const page = await listAuditLog.fromUntrusted({ db, actor: mine.admin.actor, input: { limit: "100" } });
    const theirIds = new Set((await db.auditLog.findMany({ where: { tenantId: theirs.tenant.id } })).map((r) => r.id));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.some((item) => theirIds.has(item.id))).toBe(false);
    // Their agent, their ban: filters find nothing here.
    for (const input of [
      { actorKind: "agent", actorId: theirs.supervisor.agent.id },
      { targetType: "ban", targetId: theirs.ban.id },
    ]) {
      expect((await listAuditLog.fromUntrusted({ db, actor: mine.admin.actor, input })).items).toEqual([]);
    }
    // A row of ours naming their agent and ban (forged, or an id reused): their names are not looked up.
    await db.auditLog.create({
      data: {
        tenantId: mine.tenant.id,
        actorKind: "agent",
        actorId: theirs.admin.agent.id,
        action: "ban.deactivated",
        targetType: "ban",
        targetId: theirs.ban.id,
      },
    });
    const [forged] = (await listAuditLog.fromUntrusted({ db, actor: mine.admin.actor, input: { limit: "1" } })).items;
    expect(forged).toMatchObject({ actor: { name: "Deleted agent" }, target: { name: null } });
    // Their cursor walks our log, not theirs: a cursor carries a position, never a tenant.
    const theirPage = await listAuditLog.fromUntrusted({ db, actor: theirs.admin.actor, input: { limit: "1" } });
    const walked = await listAuditLog.fromUntrusted({
      db,
      actor: mine.admin.actor,
      input: { cursor: theirPage.nextCursor! },
    });
    expect(walked.items.every((item) => !theirIds.has(item.id))).toBe(true);
  });
});

describe("GET /api/v1/audit-log", () => {
  const get = (query: string, call: { key?: string | null; agentId?: string } = {}) =>
    callApi(listAuditLogRoute, { path: `/api/v1/audit-log${query}`, ...call });

  it("answers 200 with the page in its declared shape for an API key", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+447700900124", reason: "abuse" },
      source: "admin_add",
    });
    const answer = await get("?action=ban&limit=1", { key: team.service.key });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      items: [
        {
          id: expect.any(String),
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
          action: "ban.created",
          description: "Banned a client on WhatsApp",
          actor: { kind: "agent", id: team.admin.agent.id, name: "Ada Admin" },
          target: { type: "ban", id: expect.any(String), name: "+447700900124" },
          details: expect.objectContaining({ channel: "whatsapp", identifier: "+447700900124" }),
        },
      ],
      nextCursor: null,
    });
    // Acting as a plain agent (X-Agent-Id): the agent's rights, not the key's.
    expect((await get("", { key: team.service.key, agentId: team.agent.agent.id })).status).toBe(403);
    expect((await get("", { key: team.service.key, agentId: team.admin.agent.id })).status).toBe(200);
  });

  it("answers 401 without a valid key", async () => {
    expect((await get("")).status).toBe(401);
    expect((await get("", { key: "bk_not_a_key" })).status).toBe(401);
  });

  it("answers 400 naming the field for bad input, never 500", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const cases: Array<[string, string]> = [
      ["?cursor=garbage", "cursor"],
      [`?cursor=${encodeKeyset([1e20, "x"])}`, "cursor"],
      [`?cursor=${Buffer.from('["x",1]').toString("base64url")}`, "cursor"],
      ["?limit=0", "limit"],
      ["?limit=1000", "limit"],
      ["?action=DROP%20TABLE", "action"],
      ["?actorKind=robot", "actorKind"],
      ["?actorId=%00", "actorId"],
      ["?from=yesterday", "from"],
      ["?from=2026-02-30", "from"],
      ["?from=2026-12-06T10:00:00", "from"],
      ["?to=99999-01-01", "to"],
      ["?from=2026-12-06&to=2026-12-01", "to"],
      ["?timeZone=Mars/Olympus", "timeZone"],
      ["?from=2026-12-01&timeZone=Mars/Olympus", "timeZone"],
      ["?targetId=abc", "targetId"],
    ];
    for (const [query, field] of cases) {
      const answer = await get(query, { key: team.service.key });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body.error.code).toBe("invalid_input");
      expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it("shows a key only its own tenant's log", async () => {
    const db = testDatabase().prisma;
    const mine = await createTeam(db);
    const theirs = await createTeam(db);
    await createBan({
      db,
      actor: theirs.admin.actor,
      input: { channel: "whatsapp", identifier: "+447700900125", reason: "abuse" },
      source: "admin_add",
    });
    const theirIds = new Set((await db.auditLog.findMany({ where: { tenantId: theirs.tenant.id } })).map((r) => r.id));
    const answer = await get("?limit=100", { key: mine.service.key });
    expect(answer.status).toBe(200);
    expect(answer.body.items.some((item: { id: string }) => theirIds.has(item.id))).toBe(false);
    expect((await get("?action=ban", { key: mine.service.key })).body.items).toEqual([]);
    // Naming their agent as the acting agent is refused like any unknown agent.
    expect((await get("", { key: mine.service.key, agentId: theirs.admin.agent.id })).status).toBeGreaterThanOrEqual(
      400,
    );
  });
});
