// Jobs left locked by a dead instance. graphile-worker locks a job (locked_by = the worker's id) while it
// runs and frees the lock itself on a graceful stop; after a kill -9, a crash or a lost machine the lock
// stays, and graphile-worker takes the job again only when the lock is 4 hours old — a rule's action or a
// campaign's send would wait that long.
//
// Liveness without a heartbeat table: each instance holds, on one connection of its own, a session-level
// advisory lock per worker it runs (keyed by the worker's id). PostgreSQL releases a session's locks
// when the session ends, however the process died. A sweep (at start, then every SWEEP_EVERY_MS) looks
// at jobs locked for more than LOCK_GRACE_MS by a worker of another instance: if that worker's advisory
// lock can be taken, no live session holds it, so its instance is gone and its jobs are unlocked to run
// again (graphile's force_unlock_workers; the attempt it was on counts as used).
// The grace keeps a worker that has just locked its first job, before its advisory lock is held, safe.
// A live instance whose liveness connection drops loses its locks until it reconnects: a job of it that
// has run longer than the grace may then run a second time, as graphile's own 4-hour expiry would.
import "server-only";
import type pg from "pg";

/** First key of the two-key advisory locks: "bouncer job workers" (the second is hashtext(worker id)). */
const LIVENESS_LOCK_CLASS = 0x626a77;
/** A job locked for less than this is never judged (its worker may not hold its advisory lock yet). */
export const LOCK_GRACE_MS = 30_000;
const SWEEP_EVERY_MS = 30_000;
const RECONNECT_DELAY_MS = 1_000;

export class WorkerLiveness {
  private client: Promise<pg.Client> | null = null;
  private readonly own = new Set<string>();
  private timer?: NodeJS.Timeout;
  /** One statement at a time on the liveness session (workers are created together). */
  private last: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly connect: () => Promise<pg.Client>,
    private readonly schema: string,
  ) {}

  /** Connects, sweeps once, then sweeps every SWEEP_EVERY_MS until stop(). */
  async start(): Promise<void> {
    await this.inTurn(async () => {});
    await this.sweep().catch((error) => console.error("[jobs] sweep for dead workers failed:", message(error)));
    this.timer = setInterval(() => {
      void this.sweep().catch((error) => console.error("[jobs] sweep for dead workers failed:", message(error)));
    }, SWEEP_EVERY_MS);
    this.timer.unref?.();
  }

  /** Marks a worker of this instance as alive for as long as this instance's liveness session lasts. */
  async hold(workerId: string): Promise<void> {
    this.own.add(workerId);
    await this.inTurn(async (client) => {
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LIVENESS_LOCK_CLASS, workerId]);
    });
  }

  private inTurn<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const turn = this.last.catch(() => {}).then(async () => work(await this.connection()));
    this.last = turn;
    return turn;
  }

  /** Unlocks the jobs of workers whose instance is gone; returns those workers' ids. */
  sweep(): Promise<string[]> {
    return this.inTurn((client) => this.sweepOn(client));
  }

  private async sweepOn(client: pg.Client): Promise<string[]> {
    const { rows } = await client.query<{ worker: string }>(
      `SELECT DISTINCT locked_by AS worker FROM ${this.schema}._private_jobs
        WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
      [LOCK_GRACE_MS / 1000],
    );
    const dead: string[] = [];
    for (const { worker } of rows) {
      if (this.own.has(worker)) continue; // this session holds its lock: taking it again would succeed
      const taken = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS free", [
        LIVENESS_LOCK_CLASS,
        worker,
      ]);
      if (!taken.rows[0]?.free) continue;
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LIVENESS_LOCK_CLASS, worker]);
      dead.push(worker);
    }
    if (dead.length) {
      await client.query(`SELECT ${this.schema}.force_unlock_workers($1::text[])`, [dead]);
      console.warn(`[jobs] unlocked the jobs of ${dead.length} worker(s) of an instance that is gone`);
    }
    return dead;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const client = this.client;
    this.client = null;
    await (await client?.catch(() => null))?.end().catch(() => {});
  }

  /** The liveness session; after a drop, a new one takes every own worker's lock again. */
  private connection(): Promise<pg.Client> {
    if (this.stopped) return Promise.reject(new Error("worker liveness stopped"));
    this.client ??= this.connect().then(
      (client) => {
        const lost = () => {
          if (!current || this.client !== current) return;
          this.client = null;
          client.end().catch(() => {});
          if (!this.stopped) setTimeout(() => void this.reconnect(), RECONNECT_DELAY_MS).unref?.();
        };
        client.on("error", (error) => {
          console.error("[jobs] liveness connection:", error.message);
          lost();
        });
        client.on("end", lost);
        return client;
      },
      (error) => {
        this.client = null;
        throw error;
      },
    );
    const current = this.client;
    return current;
  }

  private async reconnect(): Promise<void> {
    try {
      await this.inTurn(async (client) => {
        for (const worker of this.own)
          await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LIVENESS_LOCK_CLASS, worker]);
      });
    } catch (error) {
      console.error("[jobs] liveness connection cannot reconnect:", message(error));
      if (!this.stopped) setTimeout(() => void this.reconnect(), RECONNECT_DELAY_MS * 4).unref?.();
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
