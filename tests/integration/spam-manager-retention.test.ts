// Retention of spam strings (issue 7, point 7) and the scheduler that runs it once per interval across
// instances, on a real database.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import { runJobOnce, startScheduler, type Job } from "@/lib/jobs/scheduler";
import { spamRetentionJob } from "@/lib/spam-manager/retention";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { updateSpamSettings } from "@/lib/spam-manager/settings";

const T0 = new Date("2030-03-20T12:00:00Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

describe("retention (point 7)", () => {
  it("purges occurrences past each tenant's window unless listed, then unused strings; never messages", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    await updateSpamSettings({ db, actor: other.admin.actor, input: { spamRetentionDays: 30 } });
    const post = (t: typeof team, text: string, at: Date) =>
      receiveMessage(db, t.service, { from: "+15550800001", text }, at);
    await post(team, "gone.com", days(-20));
    await post(team, "kept.com", days(-20));
    await post(team, "denied.com", days(-20));
    await post(team, "allowed.com", days(-20));
    await post(team, "kept.com", days(-2));
    await post(other, "gone.com", days(-20));
    await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "domain", value: "denied.com" },
      now: days(-19),
    });
    await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "allow",
      input: { kind: "domain", value: "allowed.com" },
      now: days(-19),
    });
    const messagesBefore = await db.message.count();

    const outcome = await runJobOnce(db, spamRetentionJob, T0);
    expect(outcome).toMatchObject({ ran: true, result: { occurrencesDeleted: 6, stringsDeleted: 4 } });

    const strings = async (tenantId: string) =>
      (
        await db.spamString.findMany({
          where: { tenantId },
          include: { _count: { select: { occurrences: true } } },
          orderBy: [{ kind: "asc" }, { value: "asc" }],
        })
      ).map((s) => `${s.kind}:${s.value}:${s._count.occurrences}`);
    // gone.com (domain and url) went with its occurrences, as did the unlisted URLs of listed domains;
    // kept.com keeps its recent occurrences; listed strings keep everything.
    expect(await strings(team.tenant.id)).toEqual([
      "domain:allowed.com:1",
      "domain:denied.com:1",
      "domain:kept.com:1",
      "url:kept.com:1",
    ]);
    // The other tenant keeps 30 days.
    expect(await strings(other.tenant.id)).toEqual(["domain:gone.com:1", "url:gone.com:1"]);
    expect(await db.message.count()).toBe(messagesBefore);

    const run = await db.jobRun.findUniqueOrThrow({ where: { id: (outcome as { jobRunId: string }).jobRunId } });
    expect(run).toMatchObject({
      job: "spam-retention",
      startedAt: T0,
      error: null,
      result: { occurrencesDeleted: 6, stringsDeleted: 4 },
    });
    expect(run.finishedAt).not.toBeNull();
  });
});

describe("the scheduler", () => {
  function countingJob(name: string, intervalMs = 60_000) {
    const runs: Date[] = [];
    const job: Job = {
      name,
      intervalMs,
      run: async (_db, now) => {
        runs.push(now);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { ok: true };
      },
    };
    return { job, runs };
  }

  it("runs a job once when several instances try at the same time, and again once it is due", async () => {
    const db = testDatabase().prisma;
    const { job, runs } = countingJob(`count-${Date.now()}`);
    const outcomes = await Promise.all([runJobOnce(db, job, T0), runJobOnce(db, job, T0), runJobOnce(db, job, T0)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toHaveLength(1);
    expect(await runJobOnce(db, job, new Date(T0.getTime() + 10_000))).toEqual({ ran: false, reason: "not_due" });
    expect((await runJobOnce(db, job, new Date(T0.getTime() + 60_000))).ran).toBe(true);
    expect(await db.jobRun.count({ where: { job: job.name } })).toBe(2);
  });

  it("records a failed run with its error and keeps going", async () => {
    const db = testDatabase().prisma;
    const job: Job = {
      name: `failing-${Date.now()}`,
      intervalMs: 1000,
      run: async () => Promise.reject(new Error("disk on fire")),
    };
    const original = console.error;
    console.error = () => {};
    try {
      const outcome = await runJobOnce(db, job, T0);
      expect(outcome).toMatchObject({ ran: true, error: "disk on fire" });
    } finally {
      console.error = original;
    }
    expect(await db.jobRun.findFirst({ where: { job: job.name } })).toMatchObject({ error: "disk on fire" });
  });

  it("runs registered jobs on their interval until stopped", async () => {
    const db = testDatabase().prisma;
    const { job, runs } = countingJob(`ticking-${Date.now()}`, 200);
    let clock = T0.getTime();
    // Each tick sees a clock one interval later, so every tick is due.
    const stop = startScheduler(db, [{ ...job, firstRunAfterMs: 10 }], { clock: () => new Date((clock += 200)) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await stop();
    const count = runs.length;
    expect(count).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs.length).toBe(count);
  });
});
