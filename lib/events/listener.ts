// What a listener is: the event it handles, how it runs, and its handler. Declared in listeners.ts.
import type { Db } from "@/lib/db";
import type { DomainEventName, DomainEventOf } from "./event-map";

export interface ListenerContext {
  db: Db;
}

export type Listener = {
  [K in DomainEventName]: {
    /** Names the listener in logs and health: "<capability>.<what it does>". */
    name: string;
    event: K;
    /** "after-commit": runs at once, must be quick and in-process. "job": runs queued, retried on failure. */
    runs: "after-commit" | "job";
    /** A job listener with nothing to do for some events: queued only when this says so (no job row, no run). */
    queueIf?(event: DomainEventOf<K>): boolean;
    handle(event: DomainEventOf<K>, context: ListenerContext): void | Promise<void>;
  };
}[DomainEventName];

/** Declares one listener (typed by its event). */
export function listener<K extends DomainEventName>(definition: Extract<Listener, { event: K }>): Listener {
  return definition as Listener;
}
