import { afterEach, describe, expect, it } from "vitest";
import { MEMORY_STORE_BOUNDS, peekRateLimit, reserveRateLimit, takeToken } from "./rate-limiter";

const defaults = { ...MEMORY_STORE_BOUNDS };
afterEach(() => Object.assign(MEMORY_STORE_BOUNDS, defaults));

describe("the in-memory counters' bounds", () => {
  it("forgets the oldest counters past its size, keeping the newest and those in use", async () => {
    Object.assign(MEMORY_STORE_BOUNDS, { sweepAbove: 100, maxEntries: 200 });
    const rule = { name: `bounds-${Date.now()}`, limit: 5, windowSeconds: 60 };
    await reserveRateLimit(rule, "first");
    for (let i = 0; i < 1_000; i++) {
      await reserveRateLimit(rule, `subject-${i}`);
      await takeToken({ name: rule.name, burst: 2, perSecond: 0.001 }, `subject-${i}`);
    }
    expect(await peekRateLimit(rule, "first")).toBe(0);
    expect(await peekRateLimit(rule, "subject-999")).toBe(1);
    expect((await takeToken({ name: rule.name, burst: 2, perSecond: 0.001 }, "subject-999")).taken).toBe(true);
    expect((await takeToken({ name: rule.name, burst: 2, perSecond: 0.001 }, "subject-999")).taken).toBe(false);
  });
});
