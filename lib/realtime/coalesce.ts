// Coalescing per key (a tenant): the first change is sent at once, the ones that follow within the interval
// wait and go together, merged, when it ends — so a flood of 500 messages a second is one event a second,
// whoever and however many the senders. Nothing is lost: the last change of a burst is always sent.

export interface Coalescer<T> {
  /** Adds a change for `key`: sent now if nothing was sent for it within the interval, else with the next. */
  note(key: string, change: T): void;
  /** Sends what waits, at once (shutdown, tests). */
  flush(): void;
  /** Keys with a window open (for tests: nothing is held after a quiet interval). */
  readonly size: number;
}

interface Window<T> {
  pending: T | null;
  timer: ReturnType<typeof setTimeout>;
}

export function createCoalescer<T>({
  intervalMs,
  merge,
  send,
}: {
  intervalMs: number;
  merge: (a: T, b: T) => T;
  send: (key: string, change: T) => void;
}): Coalescer<T> {
  const windows = new Map<string, Window<T>>();
  const open = (key: string): Window<T> => {
    const window: Window<T> = { pending: null, timer: setTimeout(() => close(key), intervalMs) };
    // A process may end with a window open: it holds nothing that must be sent.
    window.timer.unref?.();
    windows.set(key, window);
    return window;
  };
  const close = (key: string) => {
    const window = windows.get(key);
    if (!window) return;
    windows.delete(key);
    if (window.pending === null) return;
    // What came during the window goes now, and opens the next one.
    const { pending } = window;
    open(key);
    send(key, pending);
  };
  return {
    note(key, change) {
      const window = windows.get(key);
      if (window) {
        window.pending = window.pending === null ? change : merge(window.pending, change);
        return;
      }
      open(key);
      send(key, change);
    },
    flush() {
      for (const [key, window] of [...windows]) {
        clearTimeout(window.timer);
        windows.delete(key);
        if (window.pending !== null) send(key, window.pending);
      }
    },
    get size() {
      return windows.size;
    },
  };
}
