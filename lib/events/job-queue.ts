// Where job listeners run: work that the caller's answer does not need (spam strings and rules,
// campaign sends) leaves the request and runs here, retried with backoff when it fails. A job names its
// listener and carries its event. Two queues behind one interface, chosen by the database (dispatch.ts):
//   - the in-process queue (p-queue for concurrency and idleness, p-retry for retries) on the embedded
//     database, which one process owns: jobs queued when that process dies are not run. The event stays
//     the object the use case returned — no JSON round trip in process (issue 18: it was ~0.06 ms of a
//     scored message's ingest) — so listeners must not change the events they are given;
//   - the PostgreSQL queue (graphile-worker, lib/events/postgres-job-queue.ts) with DATABASE_URL: jobs
//     are rows, added before the caller answers, run once by any instance, kept when they fail for good;
//     the event is encoded as JSON there (lib/events/event-map.ts toEventJson / decodeEvent).
// See the README's architecture section.
import "server-only";
import PQueue from "p-queue";
import pRetry from "p-retry";
import type { DomainEvent } from "./event-map";

/** One listener's work on one event. */
export interface ListenerJob {
  /** The listener's name (lib/events/listeners.ts): which handler runs. */
  listener: string;
  event: DomainEvent;
}

/** Runs one job's listener against the queue's database. */
export type RunListenerJob = (job: ListenerJob) => Promise<void>;

export interface JobStats {
  /** Which queue: "in-process" (embedded database) or "postgres" (durable, shared by instances). */
  queue: "in-process" | "postgres";
  /** Jobs waiting or running now (postgres: in the queue table, whichever instance added them). */
  pending: number;
  /** Attempts that failed and were retried since this process started. */
  retried: number;
  /**
   * Jobs that failed every attempt (their work is not done; the event's change is). In-process: since
   * the process started; postgres: those kept in the queue table for inspection.
   */
  failed: number;
  lastFailure: { job: string; error: string; at: string } | null;
}

export interface JobQueue {
  /** Adds jobs. Resolves once they are accepted: for the PostgreSQL queue, committed in one statement. */
  add(jobs: readonly ListenerJob[]): Promise<void>;
  /** Runs jobs in this process from now on (the PostgreSQL queue: also those that other processes left). */
  start(): Promise<void>;
  /** Resolves when every job this process added (and the jobs those jobs added) has finished. */
  idle(): Promise<void>;
  stats(): Promise<JobStats>;
  /** Stops taking jobs; running ones finish. In-process: waits for every queued job (they live nowhere else). */
  stop(): Promise<void>;
}

/** Attempts per job: the first and three retries, 0.2 s, 0.8 s, 3.2 s apart. */
const RETRY = { retries: 3, minTimeout: 200, factor: 4 } as const;
const CONCURRENCY = 4;

export class InProcessJobQueue implements JobQueue {
  private readonly queue = new PQueue({ concurrency: CONCURRENCY });
  private readonly counts: Omit<JobStats, "pending" | "queue"> = { retried: 0, failed: 0, lastFailure: null };

  constructor(private readonly run: RunListenerJob) {}

  async add(jobs: readonly ListenerJob[]): Promise<void> {
    for (const job of jobs) void this.queue.add(() => this.attempt(job));
  }

  async start(): Promise<void> {
    // Always running: p-queue starts a job as soon as it is added.
  }

  private async attempt(job: ListenerJob): Promise<void> {
    try {
      await pRetry(() => this.run(job), {
        ...RETRY,
        onFailedAttempt: (error) => {
          if (error.retriesLeft === 0) return;
          this.counts.retried++;
          console.warn(
            `[events] job ${job.listener} failed (attempt ${error.attemptNumber}), retrying:`,
            error.message,
          );
        },
      });
    } catch (error) {
      this.counts.failed++;
      this.counts.lastFailure = {
        job: job.listener,
        error: String((error as Error)?.message ?? error),
        at: new Date().toISOString(),
      };
      console.error(`[events] job ${job.listener} failed after ${RETRY.retries + 1} attempts:`, error);
    }
  }

  async idle(): Promise<void> {
    await this.queue.onIdle();
  }

  async stats(): Promise<JobStats> {
    return { queue: "in-process", pending: this.queue.size + this.queue.pending, ...this.counts };
  }

  async stop(): Promise<void> {
    await this.queue.onIdle();
  }
}
