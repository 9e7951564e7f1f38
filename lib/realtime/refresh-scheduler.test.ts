import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RefreshScheduler, type PendingNews } from "./refresh-scheduler";

describe("refreshing a page after realtime news", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup({ refreshMs = 100 }: { refreshMs?: number } = {}) {
    const page = { visible: true, free: true, refreshes: 0, pending: null as PendingNews | null };
    const scheduler = new RefreshScheduler({
      refresh: () =>
        new Promise<void>((resolve) => {
          page.refreshes++;
          setTimeout(resolve, refreshMs);
        }),
      mayApply: () => page.free,
      visible: () => page.visible,
      onPending: (pending) => (page.pending = pending),
    });
    return { page, scheduler };
  }

  it("a flood of 500 events a second refreshes about once a second, not 500 times", async () => {
    const { page, scheduler } = setup();
    for (let ms = 0; ms < 5_000; ms += 2) {
      scheduler.changed(1);
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    expect(page.refreshes).toBeGreaterThanOrEqual(4);
    expect(page.refreshes).toBeLessThanOrEqual(6);
    expect(page.pending).toBeNull();
  });

  it("backs off when refreshes are slow: twice their duration, at most 10 s", async () => {
    const { page, scheduler } = setup({ refreshMs: 2_000 });
    for (let ms = 0; ms < 20_000; ms += 10) {
      scheduler.changed(1);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(scheduler.interval).toBe(4_000);
    expect(page.refreshes).toBeLessThanOrEqual(6);
  });

  it("none while the tab is hidden, one when it is shown again", async () => {
    const { page, scheduler } = setup();
    page.visible = false;
    for (let i = 0; i < 50; i++) {
      scheduler.changed(2);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(page.refreshes).toBe(0);
    expect(page.pending).toEqual({ count: 100, held: false });
    page.visible = true;
    scheduler.visibilityChanged();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(page.refreshes).toBe(1);
    expect(page.pending).toBeNull();
  });

  it("holds while the page must stay still, counting the news; applies when free or when asked", async () => {
    const { page, scheduler } = setup();
    page.free = false;
    scheduler.changed(3);
    scheduler.changed(4);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(page.refreshes).toBe(0);
    expect(page.pending).toEqual({ count: 7, held: true });
    scheduler.applyNow();
    await vi.advanceTimersByTimeAsync(200);
    expect(page.refreshes).toBe(1);
    expect(page.pending).toBeNull();
    // Held again, then the pointer leaves: applied within a recheck.
    scheduler.changed(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(page.refreshes).toBe(1);
    page.free = true;
    await vi.advanceTimersByTimeAsync(600);
    expect(page.refreshes).toBe(2);
  });

  it("a navigation renders the page afresh: what waited is dropped", async () => {
    const { page, scheduler } = setup();
    page.free = false;
    scheduler.changed(5);
    await vi.advanceTimersByTimeAsync(1_500);
    scheduler.rendered("/spam-manager/domains?q=x");
    expect(page.pending).toBeNull();
    page.free = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(page.refreshes).toBe(0);
  });
});
