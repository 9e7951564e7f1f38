// The listener job queue that the configuration picks — graphile-worker on PostgreSQL (DATABASE_URL), the
// in-process queue on the embedded default — against a real database: jobs run against the database
// their event came from, once each however many workers share the queue, and a job that keeps failing is
// retried, then kept and shown. (What a kill -9 does to queued jobs is checked across processes by the
// scale-out test: `npm run bench -- --scale`, bench/jobs-after-kill.ts.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import { InProcessJobQueue, type JobQueue, type ListenerJob, type RunListenerJob } from "@/lib/events/job-queue";
import { PostgresJobQueue } from "@/lib/events/postgres-job-queue";
import { useDatabase, type DatabaseHandle } from "@/lib/db";
import { closeAdmissionCacheOf } from "@/lib/admission/admission-cache";

/** A queue of the kind this run's database uses, running `run` (as the app's queue runs listeners). */
function queueFor(handle: DatabaseHandle, run: RunListenerJob, listeners: string[], maxAttempts = 2): JobQueue {
  return handle.kind === "postgres"
    ? new PostgresJobQueue(handle, run, { listeners, concurrency: 2, maxAttempts })
    : new InProcessJobQueue(run);
}

const jobOf = (listener: string, contactId: string): ListenerJob => ({
  listener,
  event: domainEvent("contact.created", { tenantId: "t", contactId }),
});
const contactIdOf = (job: ListenerJob) => String((job.event as { contactId?: string }).contactId);

describe("listener jobs", () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const queue of opened.splice(0).reverse()) await queue.close();
  });

  it("run against the database their event came from, with several databases in one process", async () => {
    const first = testDatabase();
    const second = await createTestDatabase();
    opened.push({
      close: async () => {
        await closeAdmissionCacheOf(second);
        await second.close();
      },
    });
    const sent: Array<{ handle: DatabaseHandle; messageId: string; domain: string }> = [];
    for (const [handle, domain] of [
      [first, "first-db-prizes.com"],
      [second, "second-db-prizes.com"],
    ] as const) {
      const { service } = await createTeam(handle.prisma);
      // Ingest admits from the process database's cache: each message is received while its database is it.
      useDatabase(handle);
      const received = await receiveIncomingMessage({
        db: handle.prisma,
        actor: service,
        input: { channel: "whatsapp", from: "+15550199002", text: `win at http://${domain}/now` },
      }).finally(() => useDatabase(first));
      sent.push({ handle, messageId: received.messageId, domain });
    }
    await whenEventsIdle(); // both databases' jobs, while the process database is the first
    for (const { handle, messageId, domain } of sent) {
      const strings = await handle.prisma.spamStringOccurrence.findMany({
        where: { messageId },
        select: { spamString: { select: { kind: true, value: true } } },
      });
      expect(strings.map((s) => s.spamString)).toContainEqual({ kind: "domain", value: domain });
      expect(
        await handle.prisma.spamString.count({
          where: { value: { in: sent.filter((s) => s.domain !== domain).map((s) => s.domain) } },
        }),
      ).toBe(0);
    }
  });

  it("run once each, however many workers share the queue (two instances on PostgreSQL)", async () => {
    const handle = testDatabase();
    const runs = new Map<string, number>();
    const run: RunListenerJob = async (job) => {
      const contactId = contactIdOf(job);
      runs.set(contactId, (runs.get(contactId) ?? 0) + 1);
    };
    const workers = handle.kind === "postgres" ? 2 : 1; // the embedded database has one process by design
    const queues = Array.from({ length: workers }, () => queueFor(handle, run, ["count"]));
    opened.push(...queues.map((queue) => ({ close: () => queue.stop() })));
    await Promise.all(queues.map((queue) => queue.start()));
    const jobs = Array.from({ length: 40 }, (_, i) => jobOf("count", `contact-${i}`));
    await queues[0]!.add(jobs.slice(0, 20));
    await queues[workers - 1]!.add(jobs.slice(20));
    for (const queue of queues) await queue.idle();
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(await queues[0]!.stats()).toMatchObject({ pending: 0, failed: 0 });
  });

  it("are retried when they fail, and kept and shown when they fail every attempt", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const handle = testDatabase();
    const attempts = new Map<string, number>();
    const run: RunListenerJob = async (job) => {
      const contactId = contactIdOf(job);
      const attempt = (attempts.get(contactId) ?? 0) + 1;
      attempts.set(contactId, attempt);
      if (contactId === "always-fails" || attempt === 1) throw new Error(`cannot reach ${contactId}`);
    };
    const queue = queueFor(handle, run, ["flaky"]);
    opened.push({ close: () => queue.stop() });
    await queue.add([jobOf("flaky", "fails-once"), jobOf("flaky", "always-fails")]);
    await queue.idle();
    expect(attempts.get("fails-once")).toBe(2);
    const maxAttempts = handle.kind === "postgres" ? 2 : 4;
    expect(attempts.get("always-fails")).toBe(maxAttempts);
    const stats = await queue.stats();
    expect(stats).toMatchObject({ pending: 0, failed: 1, retried: 1 + (maxAttempts - 1) });
    expect(stats.lastFailure).toMatchObject({ job: "flaky" });
    expect(stats.lastFailure!.error).toContain("cannot reach always-fails");
    if (handle.kind === "postgres") {
      // Kept with its event and last error for whoever inspects the queue (graphile_worker.jobs).
      const [kept] = await handle.rawQuery<{
        id: string;
        payload: { event: { contactId: string } };
        last_error: string;
      }>(
        `SELECT jobs.id, job.payload, jobs.last_error FROM graphile_worker.jobs
           JOIN graphile_worker._private_jobs job USING (id) WHERE jobs.task_identifier = 'flaky'`,
      );
      expect(kept!.payload.event.contactId).toBe("always-fails");
      expect(kept!.last_error).toContain("cannot reach always-fails");
      await handle.rawQuery("SELECT graphile_worker.complete_jobs(ARRAY[$1::bigint])", [kept!.id]);
    }
  }, 30_000);

  it("hand the listener its event: the same object in process, equal (times as Dates) via PostgreSQL", async () => {
    const handle = testDatabase();
    const received: ListenerJob["event"][] = [];
    const queue = queueFor(
      handle,
      async (job) => {
        received.push(job.event);
      },
      ["carry"],
    );
    opened.push({ close: () => queue.stop() });
    await queue.start();
    const event = domainEvent("contact.updated", { tenantId: "t", contactId: "c", matchedCampaignsBefore: ["k"] });
    const withTime = { ...event, at: new Date("2026-12-05T05:00:00.250Z") } as unknown as ListenerJob["event"];
    await queue.add([{ listener: "carry", event: withTime }]);
    await queue.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toEqual(withTime);
    expect((received[0] as unknown as { at: Date }).at).toBeInstanceOf(Date);
    if (handle.kind === "postgres") expect(received[0]).not.toBe(withTime);
    else expect(received[0]).toBe(withTime);
  }, 30_000);
});
