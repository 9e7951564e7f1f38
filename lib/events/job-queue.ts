// Where job listeners run: work that the caller's answer does not need (spam strings and rules,
// campaign sends) leaves the request and runs here, retried with backoff when it fails.
// The in-process queue (p-queue for concurrency and idle tracking, p-retry for retries) serves the
// embedded database, which one process owns; see the README's
// architecture section for what that means on a crash.
import "server-only";
import PQueue from "p-queue";
import pRetry from "p-retry";

export interface Job {
  /** The listener's name, for logs and health. */
  name: string;
  run(): Promise<void>;
}

export interface JobStats {
  /** Jobs waiting or running now. */
  pending: number;
  /** Attempts that failed and were retried since the process started. */
  retried: number;
  /** Jobs that failed every attempt since the process started (their work is lost; the event's change is not). */
  failed: number;
  lastFailure: { job: string; error: string; at: string } | null;
}

/** Attempts per job: the first and three retries, 0.2 s, 0.8 s, 3.2 s apart. */
const RETRY = { retries: 3, minTimeout: 200, factor: 4 } as const;
const CONCURRENCY = 4;

export class InProcessJobQueue {
  private readonly queue = new PQueue({ concurrency: CONCURRENCY });
  private readonly stats: Omit<JobStats, "pending"> = { retried: 0, failed: 0, lastFailure: null };

  enqueue(job: Job): void {
    void this.queue.add(async () => {
      try {
        await pRetry(() => job.run(), {
          ...RETRY,
          onFailedAttempt: (error) => {
            if (error.retriesLeft === 0) return;
            this.stats.retried++;
            console.warn(`[events] job ${job.name} failed (attempt ${error.attemptNumber}), retrying:`, error.message);
          },
        });
      } catch (error) {
        this.stats.failed++;
        this.stats.lastFailure = { job: job.name, error: String((error as Error)?.message ?? error), at: new Date().toISOString() };
        console.error(`[events] job ${job.name} failed after ${RETRY.retries + 1} attempts:`, error);
      }
    });
  }

  /** Resolves once no job is waiting or running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.onIdle();
  }

  snapshot(): JobStats {
    return { pending: this.queue.size + this.queue.pending, ...this.stats };
  }
}
