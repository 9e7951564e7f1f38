// When a server-rendered page refreshes after realtime news (the Spam Manager's tables, the Live Chat
// Blacklist, Settings → Blacklist): never more than once per interval — at least a second, and twice the
// last refresh's duration when the server is slow (up to 10 s), since every refresh is a page render — none
// while the tab is hidden (one when it is shown again), one at a time, and not while the page must hold still
// under the viewer (`mayApply`): then the news waits, counted, for the viewer to ask for it or for the page to
// be free. No React, no DOM: the pages' LiveList (components/live-list.tsx) gives it the refresh and the checks.

export interface PendingNews {
  /** How many new items the news counts (0: changes without a count, e.g. a list entry). */
  count: number;
  /** True when waiting because the page must hold still, not only for the interval. */
  held: boolean;
}

export interface RefreshSchedulerOptions {
  /** Applies fresh data; resolves once it is shown. */
  refresh: () => Promise<void>;
  /** Whether the page may change under the viewer now. */
  mayApply: () => boolean;
  visible: () => boolean;
  /** Told whenever what waits changes (null: nothing). */
  onPending: (pending: PendingNews | null) => void;
  /** Told after each refresh: when it was shown and how long it took. */
  onRefreshed?: (at: Date, durationMs: number) => void;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** How often a held refresh looks again whether the page is free. */
  recheckMs?: number;
}

export class RefreshScheduler {
  private dirty = false;
  private count = 0;
  private held = false;
  private inFlight = false;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private intervalMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private location: string | null = null;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly recheckMs: number;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 10_000;
    this.recheckMs = options.recheckMs ?? 500;
    this.intervalMs = this.minIntervalMs;
  }

  /** News the page shows: `count` new items (0 when the news has no count). */
  changed(count: number): void {
    this.dirty = true;
    this.count += count;
    this.notify();
    this.schedule();
  }

  /**
   * The page shows `location` (its path and query). Another one than before was rendered afresh (a
   * navigation: another tab, filter, page or selection): nothing waits any more.
   */
  rendered(location: string): void {
    if (location === this.location) return;
    this.location = location;
    this.dirty = false;
    this.count = 0;
    this.held = false;
    this.clearTimer();
    this.notify();
  }

  /** The viewer asked for the news: refresh now, whatever holds the page (not twice at once). */
  applyNow(): void {
    if (this.inFlight || !this.dirty) return;
    this.clearTimer();
    void this.run();
  }

  /** The tab was shown or hidden. */
  visibilityChanged(): void {
    this.schedule();
  }

  /** Whether a refresh runs now. */
  get refreshing(): boolean {
    return this.inFlight;
  }

  /** The current minimum gap between refreshes (grows when refreshes are slow). */
  get interval(): number {
    return this.intervalMs;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private schedule(): void {
    if (this.disposed || !this.dirty || this.inFlight || this.timer) return;
    // Hidden: nothing now; visibilityChanged() brings it back when the tab is shown.
    if (!this.options.visible()) return;
    const wait = this.lastStartedAt + this.intervalMs - Date.now();
    this.timer = setTimeout(() => this.tick(), Math.max(0, wait));
  }

  private tick(): void {
    this.timer = null;
    if (this.disposed || !this.dirty || this.inFlight || !this.options.visible()) return;
    if (!this.options.mayApply()) {
      if (!this.held) {
        this.held = true;
        this.notify();
      }
      this.timer = setTimeout(() => this.tick(), this.recheckMs);
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    this.dirty = false;
    this.count = 0;
    this.held = false;
    this.notify();
    const started = Date.now();
    this.lastStartedAt = started;
    try {
      await this.options.refresh();
    } catch {
      // A refresh that failed (offline): the next news tries again.
    } finally {
      const duration = Date.now() - started;
      this.intervalMs = Math.min(this.maxIntervalMs, Math.max(this.minIntervalMs, 2 * duration));
      this.inFlight = false;
      if (!this.disposed) this.options.onRefreshed?.(new Date(), duration);
      // News that came while it ran.
      this.schedule();
    }
  }

  private notify(): void {
    if (this.disposed) return;
    this.options.onPending(this.dirty ? { count: this.count, held: this.held } : null);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
