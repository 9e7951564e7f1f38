// The Blacklist page's live updates (blacklist.changed): who hears them — the tenant's supervisors and admins
// (policy "bans.manage"), not its agents, not another tenant — what they carry, and that hits are not news.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { settle, teamListeners, untilHeard, useRealtimeServer, type EventRecorder } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { flushAdmissionHits } from "@/lib/admission/hit-counters";
import type { BlacklistChangedEvent } from "@/lib/realtime/blacklist-change";

type Team = Awaited<ReturnType<typeof createTeam>>;
type Recorder = EventRecorder;

const db = () => testDatabase().prisma;

function heardSoFar(events: Recorder) {
  const heard = events.named("blacklist.changed") as BlacklistChangedEvent[];
  return {
    events: heard.length,
    placed: heard.reduce((n, e) => n + e.placed, 0),
    deactivated: heard.reduce((n, e) => n + e.deactivated, 0),
  };
}

const until = (events: Recorder, check: (sum: ReturnType<typeof heardSoFar>) => boolean, timeoutMs?: number) =>
  untilHeard(events, heardSoFar, check, timeoutMs);

describe("blacklist.changed", () => {
  const server = useRealtimeServer();

  const listeners = (team: Team, other: Team) => teamListeners(server.url, team, other);

  const silent = (events: Recorder) => expect(events.named("blacklist.changed")).toEqual([]);

  it("a ban placed and deactivated: who may manage bans hears counts; agents and another tenant do not", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    const { ban } = await createBan({
      db: db(),
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+447700900555", reason: "threats" },
      source: "api",
    });
    for (const who of [heard.admin, heard.supervisor]) await until(who, (s) => s.placed === 1);
    // Counts only: nothing of who was banned or why.
    const text = JSON.stringify(heard.admin.named("blacklist.changed"));
    expect(text).not.toContain("7700900555");
    expect(text).not.toContain("threats");

    await deactivateBan({ db: db(), actor: team.supervisor.actor, banId: ban.id });
    for (const who of [heard.admin, heard.supervisor]) await until(who, (s) => s.deactivated === 1);
    // Deactivating it again changes nothing, and says nothing.
    const before = heardSoFar(heard.admin).events;
    await deactivateBan({ db: db(), actor: team.supervisor.actor, banId: ban.id });
    await settle(1_300);
    expect(heardSoFar(heard.admin).events).toBe(before);

    for (const who of [heard.agent, heard.limited, heard.otherAdmin]) silent(who);
    heard.close();
  });

  it("a banned sender's messages (the ban's hits) are not news", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const banned = "+447700900556";
    await createBan({
      db: db(),
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: banned, reason: "spam" },
      source: "admin_add",
    });
    // Past the coalescing window of the ban's own event.
    await settle(1_100);
    const heard = await listeners(team, other);
    for (let i = 0; i < 5; i++) await receiveMessage(db(), team.service, { from: banned, text: `again ${i}` });
    await flushAdmissionHits();
    const hits = await db().ban.findFirstOrThrow({ where: { tenantId: team.tenant.id, identifier: banned } });
    expect(hits.hitCount).toBeGreaterThan(0);
    await settle(1_200);
    silent(heard.admin);
    silent(heard.supervisor);
    heard.close();
  });
});
