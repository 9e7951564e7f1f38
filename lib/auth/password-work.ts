// How much password hashing one instance does at once. Every argon2id hash and verify (lib/auth/password.ts)
// takes a turn here: at most PASSWORD_WORK.concurrent run, up to PASSWORD_WORK.waiting more wait in line,
// and the rest are refused (PasswordWorkBusy) instead of run. Without a cap, a guesser spread over thousands
// of addresses (each within its sign-in limits, lib/auth/sign-in-guard.ts) kept both cores hashing and filled
// libuv's threadpool, so ingest and every page waited behind the guesses. Work for someone we know (a sign-in
// from an address the account signed in from, a signed-in agent or admin changing a password) goes ahead of
// everyone else waiting, so an owner is never stuck behind a flood of guesses.
//
// Not p-queue (used for jobs, lib/events/job-queue.ts): in 8.1 a queued job's abort signal is only looked at
// when the job starts, so a call that has waited too long is neither refused at its deadline nor taken out of
// the line (it still counts in `size`), and a waiting job cannot be dropped to make room for a more urgent one.
import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Read at each call: tests set smaller numbers (in a try/finally), as they do with SIGN_IN_LIMITS.
 * - concurrent 2: one hash per core of our 2-core machines. argon2 runs on libuv's threadpool (4 threads),
 *   which file reads and DNS lookups share: 2 leaves them 2 threads and leaves the event loop (requests, the
 *   embedded database) a share of the CPU. Two at a time take ~18 ms each (13 ms alone): ~110 a second, so
 *   a whole team signing in at once waits a moment, nothing more.
 * - waiting 128: more than any honest burst (all of a large team pressing "Sign in" within one second), and a
 *   line that empties in about a second at that speed; a line any longer only makes callers wait to be
 *   refused. Waiting costs a closure and a timer, no memory of argon2's (19 MiB each, only while running).
 * - maxWaitMs 5 s: room for hashing 3–4× slower than usual on a loaded machine before anyone is refused, and
 *   still an answer within a few seconds, far inside the HTTP server's 30 s request timeout.
 */
export const PASSWORD_WORK = { concurrent: 2, waiting: 128, maxWaitMs: 5_000 };

export type PasswordWorkLimits = typeof PASSWORD_WORK;

/**
 * "first": someone we know — a sign-in from an address the account has signed in from, a signed-in agent
 * changing their password, an admin's action. "normal": anyone else (sign-ins from new addresses, unknown
 * emails), in order of arrival.
 */
export type PasswordWorkPriority = "first" | "normal";

/** Refused without being checked: too much password work is waiting on this instance. Not a wrong password. */
export class PasswordWorkBusy extends AppError {
  /**
   * The line empties within seconds. lib/http/api.ts sends Retry-After for RateLimited only; no REST route
   * reaches this today, only server actions, which answer { code: "busy", message }.
   */
  readonly retryAfterSeconds = 5;
  constructor() {
    super(503, "busy", "The server is busy checking passwords. Try again in a few seconds.");
  }
}

interface Waiter {
  start: () => void;
  refuse: () => void;
  timer: ReturnType<typeof setTimeout>;
}

/** What runs and what waits: the process's one, or a test's own. */
interface PasswordWorkState {
  running: number;
  lines: Record<PasswordWorkPriority, Waiter[]>;
}

const emptyState = (): PasswordWorkState => ({ running: 0, lines: { first: [], normal: [] } });

/** A semaphore with two lines ("first" before "normal", each in order), a cap on the lines and on the wait. */
export class PasswordWorkQueue {
  constructor(
    private readonly limits: PasswordWorkLimits = PASSWORD_WORK,
    private readonly state: PasswordWorkState = emptyState(),
  ) {}

  /** Runs `work` when it is its turn; throws PasswordWorkBusy instead if the line is full or the wait too long. */
  async run<T>(work: () => Promise<T>, priority: PasswordWorkPriority = "normal"): Promise<T> {
    await this.turn(priority);
    try {
      return await work();
    } finally {
      this.state.running--;
      this.startWaiting();
    }
  }

  /** How many run now and how many wait (for tests and diagnostics). */
  stats(): { running: number; waiting: number } {
    return { running: this.state.running, waiting: this.waitingCount() };
  }

  private waitingCount(): number {
    return this.state.lines.first.length + this.state.lines.normal.length;
  }

  private turn(priority: PasswordWorkPriority): Promise<void> {
    const { lines } = this.state;
    if (this.state.running < this.limits.concurrent && this.waitingCount() === 0) {
      this.state.running++;
      return Promise.resolve();
    }
    if (this.waitingCount() >= this.limits.waiting) {
      // Someone we know takes the place of the last of the others in line rather than being refused.
      const bumped = priority === "first" ? lines.normal.pop() : undefined;
      if (!bumped) return Promise.reject(new PasswordWorkBusy());
      clearTimeout(bumped.timer);
      bumped.refuse();
    }
    return new Promise<void>((resolve, reject) => {
      const line = lines[priority];
      const waiter: Waiter = {
        start: resolve,
        refuse: () => reject(new PasswordWorkBusy()),
        timer: setTimeout(() => {
          line.splice(line.indexOf(waiter), 1);
          waiter.refuse();
        }, this.limits.maxWaitMs),
      };
      line.push(waiter);
    });
  }

  /** Hands free places to the waiting, "first" before "normal"; a place is counted before its waiter resumes. */
  private startWaiting(): void {
    const { lines } = this.state;
    while (this.state.running < this.limits.concurrent) {
      const next = lines.first.shift() ?? lines.normal.shift();
      if (!next) return;
      clearTimeout(next.timer);
      this.state.running++;
      next.start();
    }
  }
}

// One line per process, though the Next bundle and server.ts may each load this module (as
// lib/http/body-limits.ts). The state is shared, not the object: each copy's refusals are then its own
// PasswordWorkBusy, which its callers recognize (instanceof) — a refusal must never pass for a wrong password.
const shared = globalThis as typeof globalThis & { __bouncerPasswordWork?: PasswordWorkState };
let queue: PasswordWorkQueue | undefined;

/** This process's password work: every hash and verify of lib/auth/password.ts goes through it. */
export function passwordWork(): PasswordWorkQueue {
  shared.__bouncerPasswordWork ??= emptyState();
  queue ??= new PasswordWorkQueue(PASSWORD_WORK, shared.__bouncerPasswordWork);
  return queue;
}
