// After a use case's transaction commits, its events go to the listeners of lib/events/listeners.ts:
// "after commit" listeners run at once in this process (realtime delivery, notifications: they only
// emit), "job" listeners are queued (lib/events/job-queue.ts) and run off the request with retries.
// The jobs of one dispatch are added in one call before dispatchEvents resolves — on PostgreSQL, one
// statement — so once the caller has answered, a crash loses none of them (on PostgreSQL).
// A listener's failure is logged and counted (GET /api/health shows the counts); it never undoes or
// fails the change that caused the event, which is already committed.
import "server-only";
import { env } from "@/lib/env";
import { databaseHandleOf, type DatabaseHandle, type Db } from "@/lib/db";
import type { DomainEvent } from "./event-map";
import type { Listener, ListenerContext } from "./listener";
import { InProcessJobQueue, type JobQueue, type JobStats, type ListenerJob } from "./job-queue";

// One job queue per database, and one counter, per process, shared through globalThis: server.ts and
// the Next.js route bundle load their own copies of this module.
const shared = globalThis as typeof globalThis & {
  __bouncerEvents?: { queues: Map<Db, Promise<JobQueue>>; afterCommitFailures: number };
};
function state() {
  shared.__bouncerEvents ??= { queues: new Map(), afterCommitFailures: 0 };
  return shared.__bouncerEvents;
}

let registered: Promise<readonly Listener[]> | undefined;
/** The listeners, loaded on first use: listeners.ts imports the capabilities that import this module. */
function listeners(): Promise<readonly Listener[]> {
  registered ??= import("./listeners").then((module) => module.LISTENERS);
  return registered;
}

type Handle = (event: DomainEvent, context: ListenerContext) => void | Promise<void>;

/** Runs a job's listener on its event, against `db` — the database the event was dispatched on. */
async function runListenerJob(db: Db, job: ListenerJob): Promise<void> {
  const entry = (await listeners()).find((candidate) => candidate.name === job.listener && candidate.runs === "job");
  if (!entry) throw new Error(`no job listener named ${job.listener}`);
  await (entry.handle as Handle)(job.event, { db });
}

/**
 * The job queue of `db`'s database: PostgreSQL's (durable, shared by instances) for a PostgreSQL
 * database — DATABASE_URL, or a test's — and the in-process queue for the embedded one.
 */
function jobQueueOf(db: Db): Promise<JobQueue> {
  const { queues } = state();
  let queue = queues.get(db);
  if (!queue) {
    const handle = databaseHandleOf(db);
    queue = createJobQueue(db, handle);
    queues.set(db, queue);
    handle?.onClose(async () => {
      queues.delete(db);
      await (await queue!).stop();
    });
  }
  return queue;
}

async function createJobQueue(db: Db, handle: DatabaseHandle | undefined): Promise<JobQueue> {
  const run = (job: ListenerJob) => runListenerJob(db, job);
  if (handle?.kind !== "postgres" || !handle.url) return new InProcessJobQueue(run);
  const { PostgresJobQueue } = await import("./postgres-job-queue");
  const names = (await listeners()).filter((entry) => entry.runs === "job").map((entry) => entry.name);
  return new PostgresJobQueue(handle, run, { listeners: names, concurrency: env().JOB_CONCURRENCY });
}

/** Runs the listeners of committed events. Never throws: a listener's failure is the listener's. */
export async function dispatchEvents(db: Db, events: readonly DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const all = await listeners();
  const jobs: ListenerJob[] = [];
  for (const event of events) {
    for (const entry of all) {
      if (entry.event !== event.type) continue;
      if (entry.runs === "job") {
        if (entry.queueIf && !(entry.queueIf as (event: DomainEvent) => boolean)(event)) continue;
        jobs.push({ listener: entry.name, event });
        continue;
      }
      try {
        await (entry.handle as Handle)(event, { db });
      } catch (error) {
        state().afterCommitFailures++;
        console.error(`[events] listener ${entry.name} failed on ${event.type}:`, error);
      }
    }
  }
  if (!jobs.length) return;
  try {
    await (await jobQueueOf(db)).add(jobs);
  } catch (error) {
    // The change is committed and stays; its jobs could not be queued (the database is unreachable).
    state().afterCommitFailures++;
    console.error(
      `[events] ${jobs.length} job(s) could not be queued (${jobs.map((job) => job.listener).join(", ")}):`,
      error,
    );
  }
}

/** Starts running the durable queue's jobs in this process — those other processes left too (server start). */
export async function startEventJobs(db: Db): Promise<void> {
  await (await jobQueueOf(db)).start();
}

/**
 * Resolves when every job of this process's dispatches (and the jobs they queued) has finished, on every
 * database it dispatched on — wherever the job ran. Tests wait on it instead of sleeping.
 */
export async function whenEventsIdle(): Promise<void> {
  for (const queue of [...state().queues.values()]) await (await queue).idle();
}

/**
 * At shutdown: in-process queues finish their jobs (they live nowhere else); the PostgreSQL queue
 * lets running jobs finish and leaves the rest queued for any instance.
 */
export async function stopEventJobs(): Promise<void> {
  for (const queue of [...state().queues.values()]) await (await queue).stop();
}

export interface EventsHealth extends JobStats {
  /** After-commit listeners that threw since the process started (logged; not retried: they only emit). */
  afterCommitFailures: number;
}

const NO_QUEUE: JobStats = { queue: "in-process", pending: 0, retried: 0, failed: 0, lastFailure: null };

/**
 * The job queue of `db`'s database (pending, retries, failures) and this process's after-commit failures.
 * Without a database (it could not be opened) only the latter are known.
 */
export async function eventsHealth(db: Db | undefined): Promise<EventsHealth> {
  const stats = db ? await (await jobQueueOf(db)).stats() : NO_QUEUE;
  return { ...stats, afterCommitFailures: state().afterCommitFailures };
}
