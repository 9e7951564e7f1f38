// After a use case's transaction commits, its events go to the listeners of lib/events/listeners.ts:
// "after commit" listeners run at once in this process (realtime delivery, notifications: they only
// emit), "job" listeners are queued (lib/events/job-queue.ts) and run off the request with retries.
// A listener's failure is logged and counted (GET /api/health shows the counts); it never undoes or
// fails the change that caused the event, which is already committed.
import "server-only";
import type { Db } from "@/lib/db";
import type { DomainEvent } from "./event-map";
import type { Listener, ListenerContext } from "./listener";
import { InProcessJobQueue, type JobStats } from "./job-queue";

// One queue and one set of counters per process, shared through globalThis: server.ts and the Next.js
// route bundle load their own copies of this module.
const shared = globalThis as typeof globalThis & {
  __bouncerEvents?: { jobs: InProcessJobQueue; afterCommitFailures: number };
};
function state() {
  shared.__bouncerEvents ??= { jobs: new InProcessJobQueue(), afterCommitFailures: 0 };
  return shared.__bouncerEvents;
}

let registered: Promise<readonly Listener[]> | undefined;
/** The listeners, loaded on first use: listeners.ts imports the capabilities that import this module. */
function listeners(): Promise<readonly Listener[]> {
  registered ??= import("./listeners").then((module) => module.LISTENERS);
  return registered;
}

/** Runs the listeners of committed events. Never throws: a listener's failure is the listener's. */
export async function dispatchEvents(db: Db, events: readonly DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const all = await listeners();
  for (const event of events) {
    for (const entry of all) {
      if (entry.event !== event.type) continue;
      const handle = entry.handle as (event: DomainEvent, context: ListenerContext) => void | Promise<void>;
      if (entry.runs === "job") {
        state().jobs.enqueue({ name: entry.name, run: async () => handle(event, { db }) });
        continue;
      }
      try {
        await handle(event, { db });
      } catch (error) {
        state().afterCommitFailures++;
        console.error(`[events] listener ${entry.name} failed on ${event.type}:`, error);
      }
    }
  }
}

/** Resolves when every queued listener job has finished (tests wait on it instead of sleeping). */
export async function whenEventsIdle(): Promise<void> {
  await state().jobs.idle();
}

export interface EventsHealth extends JobStats {
  /** After-commit listeners that threw since the process started (logged; not retried: they only emit). */
  afterCommitFailures: number;
}

export function eventsHealth(): EventsHealth {
  const { jobs, afterCommitFailures } = state();
  return { ...jobs.snapshot(), afterCommitFailures };
}
