// Write-behind for figures that change with every incoming message but are only statistics — a ban's
// "refused N times, last at T", a spam string's "last seen": counted in memory and written once a second,
// one statement for all the changes since the last write, never an UPDATE of the same row in every
// message's statement (a flood would serialize on that row's lock and rewrite it, and its indexes, each
// time). Written also when the server stops (flushWriteBehind, server.ts); a crash loses at most the last
// second's changes, never a message. Each instance writes its own.
import "server-only";
import { getDb, type Db } from "./index";

export const WRITE_BEHIND_INTERVAL_MS = 1_000;

export interface WriteBehindOptions<V> {
  /** For the log line when a write fails. */
  name: string;
  /** Two changes of the same key since the last write, as one. */
  merge(earlier: V, later: V): V;
  /** Writes the changes (one statement, ideally). A failure is logged and the changes are dropped. */
  write(db: Db, changes: Array<[key: string, value: V]>): Promise<unknown>;
}

/** The later of two times (a merge for "last at" figures). */
export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export interface WriteBehind<V> {
  add(key: string, value: V): void;
  /** Writes what was added so far: the timer, shutdown, and tests that read the figures. Never throws. */
  flush(): Promise<void>;
}

interface State {
  pending: Map<string, unknown>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
}

// One state per name and process: server.ts and the Next route bundle each load the modules that use this.
const shared = globalThis as typeof globalThis & { __bouncerWriteBehind?: Map<string, WriteBehind<unknown>> };
shared.__bouncerWriteBehind ??= new Map();
const registry = shared.__bouncerWriteBehind;

export function writeBehind<V>(options: WriteBehindOptions<V>): WriteBehind<V> {
  const existing = registry.get(options.name);
  if (existing) return existing as WriteBehind<V>;
  const state: State = { pending: new Map() };
  const pending = state.pending as Map<string, V>;

  const flush = async (): Promise<void> => {
    await state.flushing;
    clearTimeout(state.timer);
    state.timer = undefined;
    if (!pending.size) return;
    const changes = [...pending];
    pending.clear();
    state.flushing = (async () => {
      try {
        await options.write(await getDb(), changes);
      } catch (error) {
        console.error(`[${options.name}] could not write:`, error instanceof Error ? error.message : error);
      }
    })();
    await state.flushing;
  };

  const behind: WriteBehind<V> = {
    add(key, value) {
      const earlier = pending.get(key);
      pending.set(key, earlier === undefined ? value : options.merge(earlier, value));
      if (!state.timer) {
        state.timer = setTimeout(() => void flush(), WRITE_BEHIND_INTERVAL_MS);
        state.timer.unref?.();
      }
    },
    flush,
  };
  registry.set(options.name, behind as WriteBehind<unknown>);
  return behind;
}

/** Writes every write-behind's pending changes (server shutdown, a seeding script's end, a bench's database). */
export async function flushWriteBehind(): Promise<void> {
  await Promise.all([...registry.values()].map((behind) => behind.flush()));
}
