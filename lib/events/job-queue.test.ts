import { afterEach, describe, expect, it, vi } from "vitest";
import { InProcessJobQueue } from "./job-queue";

describe("the in-process job queue", () => {
  afterEach(() => vi.restoreAllMocks());

  it("retries a failing job until it succeeds, and counts the retries", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const queue = new InProcessJobQueue();
    let attempts = 0;
    queue.enqueue({
      name: "flaky",
      run: async () => {
        attempts++;
        if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
      },
    });
    await queue.idle();
    expect(attempts).toBe(3);
    expect(queue.snapshot()).toMatchObject({ pending: 0, retried: 2, failed: 0, lastFailure: null });
  });

  it("gives up after four attempts, logs it and shows the failure in its counts", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const queue = new InProcessJobQueue();
    let attempts = 0;
    queue.enqueue({
      name: "broken",
      run: async () => {
        attempts++;
        throw new Error("always");
      },
    });
    await queue.idle();
    expect(attempts).toBe(4);
    const stats = queue.snapshot();
    expect(stats).toMatchObject({ pending: 0, retried: 3, failed: 1 });
    expect(stats.lastFailure).toMatchObject({ job: "broken", error: "always" });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("job broken failed after 4 attempts"), expect.any(Error));
  }, 10_000);

  it("is idle only when jobs queued by running jobs have finished too", async () => {
    const queue = new InProcessJobQueue();
    const order: string[] = [];
    queue.enqueue({
      name: "outer",
      run: async () => {
        order.push("outer");
        queue.enqueue({ name: "inner", run: async () => void order.push("inner") });
      },
    });
    await queue.idle();
    expect(order).toEqual(["outer", "inner"]);
    expect(queue.snapshot().pending).toBe(0);
  });
});
