import "server-only";
import { database } from "@/lib/db";
import { eventsHealth, type EventsHealth } from "@/lib/events/dispatch";

/**
 * events: the listener job queue of this process's database — pending jobs, retries and failures (the
 * in-process queue: since this process started; the PostgreSQL queue: its table, all instances).
 */
export type Health = ({ status: "ok"; db: "ok" } | { status: "error"; db: "ok" | "error"; error: string }) & {
  events: EventsHealth;
};

/**
 * The health of the last second, checked once however many ask: a monitor polling every few seconds sees it
 * fresh, while a script hammering the endpoint (which needs no credentials) costs the database one check a
 * second — on PostgreSQL the job queue's counts read its whole table, largest during a flood.
 */
export const HEALTH_REUSE_MS = 1_000;
let latest: { at: number; health: Promise<Health> } | undefined;

export function checkHealth(now = Date.now()): Promise<Health> {
  if (latest && now - latest.at >= 0 && now - latest.at < HEALTH_REUSE_MS) return latest.health;
  const health = checkNow();
  latest = { at: now, health };
  return health;
}

/**
 * What anyone may read of the health (GET /api/health needs no credentials): a failed job's name and time,
 * not its error — a listener's error message can quote a tenant's data (a value in a constraint's message,
 * a text in a validation error) and the queue is every tenant's. The error is in the server log and, on
 * PostgreSQL, in graphile_worker.jobs.last_error.
 */
export function publicHealth(health: Health): Health {
  const failure = health.events.lastFailure;
  if (!failure) return health;
  return { ...health, events: { ...health.events, lastFailure: { ...failure, error: FAILURE_DETAILS_ELSEWHERE } } };
}

export const FAILURE_DETAILS_ELSEWHERE = "in the server log";

async function checkNow(): Promise<Health> {
  let handle: Awaited<ReturnType<typeof database>> | undefined;
  try {
    handle = await database();
    await handle.rawQuery("SELECT 1");
    return { status: "ok", db: "ok", events: await eventsHealth(handle.prisma) };
  } catch (error) {
    console.error("[health] database check failed:", error);
    return { status: "error", db: "error", error: "database unreachable", events: await eventsHealth(handle?.prisma) };
  }
}
