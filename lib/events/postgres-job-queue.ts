// The durable job queue on PostgreSQL (DATABASE_URL): graphile-worker. Jobs are rows of its schema
// (graphile_worker, installed and upgraded by the library's own migrations when the queue first starts,
// under an advisory lock so that instances starting together install it once). They are added through
// its SQL function add_jobs (the event as JSON: lib/events/event-map.ts toEventJson) — one statement for
// all the jobs of one dispatch, on the app's own connection pool — before the caller answers, so a crash
// after the answer loses none. Workers LISTEN
// for new jobs (no polling delay) and take each with SELECT … FOR UPDATE SKIP LOCKED, so any number of
// instances share the queue and a job runs once. A failed attempt is retried with graphile-worker's
// backoff (e^attempt seconds: 3 s, 7 s, 20 s, …); a job that fails every attempt stays in the table with
// its last error (graphile_worker.jobs, attempts = max_attempts) until someone deletes it. A job that was
// running on an instance that died runs again within a minute (./worker-liveness.ts), not after
// graphile-worker's 4-hour lock expiry.
import "server-only";
import type { Logger as GraphileLogger, Runner } from "graphile-worker";
import type { DatabaseHandle } from "@/lib/db";
import type { JobQueue, JobStats, ListenerJob, RunListenerJob } from "./job-queue";
import { decodeEvent, toEventJson, type EncodedEvent } from "./event-map";
import { WorkerLiveness } from "./worker-liveness";

export interface PostgresJobQueueOptions {
  /** The listeners this process can run (job identifiers); jobs of others wait for an instance that can. */
  listeners: readonly string[];
  /** Jobs this process runs at once; 0: it only adds jobs (JOB_CONCURRENCY). */
  concurrency: number;
  /** Attempts per job, the first included (graphile-worker's own default is 25). */
  maxAttempts?: number;
}

/** 8 attempts: retries over about half an hour (e^1 … e^7 s), enough to outlast a database restart. */
const MAX_ATTEMPTS = 8;
const SCHEMA = "graphile_worker";
/** pg_advisory_lock key while installing the schema: "bouncer jobs schema". */
const INSTALL_LOCK = 0x6a6f6273;
/**
 * How often idle() looks at its jobs when this process's worker finished none meanwhile (they may run on
 * another instance, so it asks the table); a job finished here wakes it at once.
 */
const IDLE_POLL_MS = 25;
/** Jobs fetched (and locked) per statement, per concurrent job. */
const LOCAL_QUEUE_PER_WORKER = 4;
/** Finished jobs are deleted together when they finish within this many ms of each other. */
const COMPLETE_BATCH_MS = 5;

/** Installs or upgrades graphile-worker's schema in the database at `url` (idempotent; one instance at a time). */
export async function installJobQueueSchema(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const { postgresConfigFromUrl } = await import("@/lib/db/postgres-adapter");
  const { runMigrations } = await import("graphile-worker");
  const lock = new pg.Client(postgresConfigFromUrl(url));
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [INSTALL_LOCK]);
    await runMigrations({ connectionString: url, maxPoolSize: 1, logger: await quietLogger() });
  } finally {
    await lock.end();
  }
}

/** graphile-worker's logs, minus its chatter: warnings and errors reach the console. */
async function quietLogger(): Promise<GraphileLogger> {
  const { Logger } = await import("graphile-worker");
  return new Logger(() => (level, message, meta) => {
    if (meta?.failure) return; // a failed attempt: PostgresJobQueue logs it once, shorter
    if (level === "error") console.error(`[jobs] ${message}`);
    else if (level === "warning") console.warn(`[jobs] ${message}`);
  });
}

export class PostgresJobQueue implements JobQueue {
  private schema?: Promise<void>;
  private runner?: Promise<Runner | null>;
  private liveness?: WorkerLiveness;
  /** Ids of jobs this process added that have not been seen finished (idle() waits for them). */
  private readonly unfinished = new Set<string>();
  private retried = 0;
  /** idle() calls waiting for the next job this process's worker finishes. */
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private readonly url: string;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly run: RunListenerJob,
    private readonly options: PostgresJobQueueOptions,
  ) {
    if (!database.url) throw new Error("The PostgreSQL job queue needs a PostgreSQL database");
    this.url = database.url;
  }

  private installed(): Promise<void> {
    this.schema ??= installJobQueueSchema(this.url).catch((error) => {
      this.schema = undefined; // the next add tries again
      throw error;
    });
    return this.schema;
  }

  async add(jobs: readonly ListenerJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.installed();
    const specs = jobs.map((job) => ({
      identifier: job.listener,
      payload: { event: job.event },
      max_attempts: this.options.maxAttempts ?? MAX_ATTEMPTS,
    }));
    const rows = await this.database.rawQuery<{ id: string }>(
      `SELECT id::text AS id
         FROM ${SCHEMA}.add_jobs(ARRAY(SELECT json_populate_recordset(NULL::${SCHEMA}.job_spec, $1::json)))`,
      [toEventJson(specs)],
      { prepared: true }, // in the request of most incoming messages
    );
    for (const row of rows) this.unfinished.add(row.id);
    void this.worker();
  }

  async start(): Promise<void> {
    await this.worker();
  }

  /** This process's worker, started once (none with concurrency 0, nor after stop()). */
  private worker(): Promise<Runner | null> {
    this.runner ??= this.startRunner().catch((error) => {
      console.error("[jobs] the job worker could not start:", error);
      this.runner = undefined;
      return null;
    });
    return this.runner;
  }

  private async startRunner(): Promise<Runner | null> {
    await this.installed(); // on start, also on an instance that only queues jobs
    if (this.options.concurrency === 0 || this.stopped) return null;
    const { run } = await import("graphile-worker");
    const { EventEmitter } = await import("node:events");
    const { default: pg } = await import("pg");
    const { postgresConfigFromUrl } = await import("@/lib/db/postgres-adapter");
    const liveness = new WorkerLiveness(async () => {
      const client = new pg.Client({ ...postgresConfigFromUrl(this.url), application_name: "bouncer-job-liveness" });
      await client.connect();
      return client;
    }, SCHEMA);
    this.liveness = liveness;
    await liveness.start();
    // Handlers on before the workers exist: each worker is marked alive as it is created.
    const events: Runner["events"] = new EventEmitter();
    // Jobs are locked by the pool (taken into its local queue, below) or by a worker: both are held.
    const holdAlive = (id: string) => {
      void liveness.hold(id).catch((error) => {
        console.error(`[jobs] cannot mark worker ${id} alive:`, error instanceof Error ? error.message : error);
      });
    };
    events.on("pool:create", ({ workerPool }) => holdAlive(workerPool.id));
    events.on("worker:create", ({ worker }) => holdAlive(worker.workerId));
    const taskList = Object.fromEntries(
      this.options.listeners.map((listener) => [
        listener,
        async (payload: unknown) =>
          this.run({ listener, event: decodeEvent((payload as { event: EncodedEvent }).event) }),
      ]),
    );
    const runner = await run({
      connectionString: this.url,
      concurrency: this.options.concurrency,
      // The LISTEN connection, one per running job, and one to spare for completing jobs.
      maxPoolSize: this.options.concurrency + 2,
      noHandleSignals: true, // server.ts owns shutdown
      // Under a flood every message may queue a job: one statement takes up to LOCAL_QUEUE_PER_WORKER jobs per
      // worker (locked by the pool) and one deletes the jobs finished within COMPLETE_BATCH_MS, instead of
      // one of each per job. Jobs locked in a local queue wait for this instance (graphile's trade-off).
      preset: {
        worker: {
          localQueue: { size: Math.max(2, this.options.concurrency * LOCAL_QUEUE_PER_WORKER) },
          completeJobBatchDelay: COMPLETE_BATCH_MS,
        },
      },
      logger: await quietLogger(),
      taskList,
      events,
    });
    runner.events.on("job:complete", () => {
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    });
    runner.events.on("job:error", ({ job, error }) => {
      if (job.attempts < job.max_attempts) this.retried++;
      console.warn(
        `[events] job ${job.task_identifier} failed (attempt ${job.attempts} of ${job.max_attempts}):`,
        (error as Error)?.message ?? error,
      );
    });
    return runner;
  }

  async idle(): Promise<void> {
    if (this.unfinished.size) await this.worker();
    while (this.unfinished.size) {
      // Running (locked) or due to run again: not finished. Done jobs are deleted; failed ones stay.
      const rows = await this.database.rawQuery<{ id: string }>(
        `SELECT id::text AS id FROM ${SCHEMA}.jobs
          WHERE id = ANY($1::bigint[]) AND (locked_at IS NOT NULL OR attempts < max_attempts)`,
        [[...this.unfinished]],
      );
      const still = new Set(rows.map((row) => row.id));
      for (const id of this.unfinished) if (!still.has(id)) this.unfinished.delete(id);
      if (this.unfinished.size) await this.nextCompletionOrPoll();
    }
  }

  private nextCompletionOrPoll(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, IDLE_POLL_MS);
      this.waiters.add(wake);
    });
  }

  async stats(): Promise<JobStats> {
    try {
      return await this.tableStats();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        queue: "postgres",
        pending: 0,
        retried: this.retried,
        failed: 0,
        lastFailure: { job: "(queue)", error: `job queue unreadable: ${message}`, at: new Date().toISOString() },
      };
    }
  }

  private async tableStats(): Promise<JobStats> {
    await this.installed();
    const [counts] = await this.database.rawQuery<{ pending: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE locked_at IS NOT NULL OR attempts < max_attempts)::int AS pending,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts >= max_attempts)::int AS failed
         FROM ${SCHEMA}.jobs`,
    );
    const [last] = await this.database.rawQuery<{ job: string; error: string | null; at: Date }>(
      `SELECT task_identifier AS job, last_error AS error, updated_at AS at FROM ${SCHEMA}.jobs
        WHERE locked_at IS NULL AND attempts >= max_attempts ORDER BY updated_at DESC, id DESC LIMIT 1`,
    );
    return {
      queue: "postgres",
      pending: counts?.pending ?? 0,
      retried: this.retried,
      failed: counts?.failed ?? 0,
      lastFailure: last ? { job: last.job, error: last.error ?? "", at: new Date(last.at).toISOString() } : null,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const runner = await this.runner;
    this.runner = Promise.resolve(null);
    await runner?.stop();
    await this.liveness?.stop();
  }

  /** Unlocks now the jobs of workers whose instance is gone (also done at start and every 30 s). */
  async unlockJobsOfDeadWorkers(): Promise<string[]> {
    return (await this.liveness?.sweep()) ?? [];
  }
}
