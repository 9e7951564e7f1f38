import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "./coalesce";

describe("coalescing changes per key", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const sent: Array<[string, number]> = [];
    const coalescer = createCoalescer<number>({
      intervalMs: 1_000,
      merge: (a, b) => a + b,
      send: (key, n) => sent.push([key, n]),
    });
    return { sent, coalescer };
  };

  it("sends the first change at once and a burst after it as one, when the interval ends", () => {
    const { sent, coalescer } = setup();
    coalescer.note("t1", 1);
    expect(sent).toEqual([["t1", 1]]);
    for (let i = 0; i < 499; i++) coalescer.note("t1", 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([
      ["t1", 1],
      ["t1", 499],
    ]);
  });

  it("a flood of 500 a second for 5 seconds is at most 6 sends, and loses no count", () => {
    const { sent, coalescer } = setup();
    for (let ms = 0; ms < 5_000; ms += 2) {
      coalescer.note("t1", 1);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(2_000);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.reduce((n, [, count]) => n + count, 0)).toBe(2_500);
  });

  it("keeps keys apart, and holds nothing after a quiet interval", () => {
    const { sent, coalescer } = setup();
    coalescer.note("t1", 1);
    coalescer.note("t2", 5);
    coalescer.note("t2", 5);
    expect(sent).toEqual([
      ["t1", 1],
      ["t2", 5],
    ]);
    vi.advanceTimersByTime(1_000);
    expect(sent.at(-1)).toEqual(["t2", 5]);
    vi.advanceTimersByTime(1_000);
    expect(coalescer.size).toBe(0);
    // After the quiet interval the next change goes at once again.
    coalescer.note("t1", 2);
    expect(sent.at(-1)).toEqual(["t1", 2]);
  });

  it("flush sends what waits", () => {
    const { sent, coalescer } = setup();
    coalescer.note("t1", 1);
    coalescer.note("t1", 3);
    coalescer.flush();
    expect(sent).toEqual([
      ["t1", 1],
      ["t1", 3],
    ]);
    expect(coalescer.size).toBe(0);
  });
});
