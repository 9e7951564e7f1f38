// A tiny in-process scheduler for periodic jobs (the Spam Manager's retention purge, …). Every app
// instance runs it; a job still runs once per interval across all of them: claiming a run happens
// under a PostgreSQL advisory lock (transaction-scoped, so it works on PGlite's single connection and
// on pooled connections alike), and a run is claimed only when no run of the job started within the
// last half interval. Runs are recorded in JobRun (start, end, result or error).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export interface Job {
  /** Stable name: JobRun.job and the advisory lock key derive from it. */
  name: string;
  intervalMs: number;
  /** Delay of the first run after start (default: one minute, so start-up stays quick). */
  firstRunAfterMs?: number;
  run(db: Db, now: Date): Promise<Prisma.InputJsonValue>;
}

export type JobOutcome =
  | { ran: true; jobRunId: string; result: Prisma.InputJsonValue }
  | { ran: true; jobRunId: string; error: string }
  | { ran: false; reason: "locked" | "not_due" };

/** A 32-bit key for pg advisory locks, from the job's name (FNV-1a). */
export function advisoryLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Runs the job unless another instance is claiming it right now or a run started within the last half
 * interval. The claim (lock, check, JobRun insert) is one short transaction; the job runs after it.
 */
export async function runJobOnce(db: Db, job: Job, now = new Date()): Promise<JobOutcome> {
  const claim = await db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<
      Array<{ locked: boolean }>
    >`SELECT pg_try_advisory_xact_lock(${advisoryLockKey(job.name)}::int) AS "locked"`;
    if (!lock?.locked) return { claimed: false as const, reason: "locked" as const };
    const recent = await tx.jobRun.findFirst({
      where: { job: job.name, startedAt: { gt: new Date(now.getTime() - job.intervalMs / 2) } },
      select: { id: true },
    });
    if (recent) return { claimed: false as const, reason: "not_due" as const };
    const run = await tx.jobRun.create({ data: { job: job.name, startedAt: now }, select: { id: true } });
    return { claimed: true as const, jobRunId: run.id };
  });
  if (!claim.claimed) return { ran: false, reason: claim.reason };

  try {
    const result = await job.run(db, now);
    await db.jobRun.update({ where: { id: claim.jobRunId }, data: { finishedAt: new Date(), result } });
    return { ran: true, jobRunId: claim.jobRunId, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[jobs] ${job.name} failed:`, error);
    await db.jobRun
      .update({ where: { id: claim.jobRunId }, data: { finishedAt: new Date(), error: message } })
      .catch(() => {});
    return { ran: true, jobRunId: claim.jobRunId, error: message };
  }
}

/** Runs each job every interval (first after firstRunAfterMs). Returns stop(), which waits for runs in flight. */
export function startScheduler(db: Db, jobs: Job[], options: { clock?: () => Date } = {}): () => Promise<void> {
  const clock = options.clock ?? (() => new Date());
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  for (const job of jobs) {
    let running = false;
    const tick = () => {
      // A slow run is not stacked on by the next tick.
      if (stopped || running) return;
      running = true;
      const run = runJobOnce(db, job, clock())
        .catch((error: unknown) => console.error(`[jobs] ${job.name} could not be claimed:`, error))
        .finally(() => {
          running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    };
    const first = setTimeout(tick, job.firstRunAfterMs ?? 60_000);
    const every = setInterval(tick, job.intervalMs);
    // Timers never keep the process alive on their own.
    first.unref();
    every.unref();
    timers.push(first, every);
  }

  return async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.allSettled([...inFlight]);
  };
}
