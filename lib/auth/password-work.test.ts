// The password work limiter with stand-in work (promises the test settles), not 50 real argon2 hashes.
import { describe, expect, it } from "vitest";
import { PasswordWorkBusy, PasswordWorkQueue, type PasswordWorkPriority } from "./password-work";

const limits = { concurrent: 2, waiting: 32, maxWaitMs: 60_000 };

/** Work that runs until the test lets it finish, noting when it started and how many ran with it. */
function heldWork(log: { running: number; most: number; started: string[] }, name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const work = async () => {
    log.started.push(name);
    log.running++;
    log.most = Math.max(log.most, log.running);
    await done;
    log.running--;
    return name;
  };
  return { work, finish };
}

const newLog = () => ({ running: 0, most: 0, started: [] as string[] });
const settled = () => new Promise((resolve) => setImmediate(resolve));
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => "ran",
    (error: unknown) => (error instanceof PasswordWorkBusy ? "busy" : `error: ${String(error)}`),
  );

describe("password work", () => {
  it("never runs more than `concurrent` at once: 50 calls at once, with a line long enough for them", async () => {
    const queue = new PasswordWorkQueue({ ...limits, waiting: 48 });
    const log = newLog();
    const calls = Array.from({ length: 50 }, (_, i) =>
      queue.run(async () => {
        log.running++;
        log.most = Math.max(log.most, log.running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.running--;
        return i;
      }),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(log.most).toBe(limits.concurrent);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("of 50 calls at once with 2 running and 32 waiting, runs 34 and refuses 16, 2 at a time", async () => {
    const queue = new PasswordWorkQueue(limits);
    const log = newLog();
    const held = Array.from({ length: 50 }, (_, i) => heldWork(log, `w${i}`));
    const calls = held.map(({ work }) => outcome(queue.run(work)));
    await settled();
    for (const { finish } of held) finish();
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === "ran")).toHaveLength(34);
    expect(results.filter((r) => r === "busy")).toHaveLength(16);
    expect(log.most).toBe(2);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses the 33rd waiting call at once, runs it when the line has room again, and leaks no place", async () => {
    const queue = new PasswordWorkQueue(limits);
    const log = newLog();
    const held = Array.from({ length: 2 + 32 }, (_, i) => heldWork(log, `w${i}`));
    const calls = held.map(({ work }) => outcome(queue.run(work)));
    await settled();
    expect(queue.stats()).toEqual({ running: 2, waiting: 32 });

    const refused = heldWork(log, "refused");
    expect(await outcome(queue.run(refused.work))).toBe("busy");
    expect(log.started).not.toContain("refused");
    expect(queue.stats()).toEqual({ running: 2, waiting: 32 });

    for (const { finish } of held) finish();
    expect(await Promise.all(calls)).toEqual(held.map(() => "ran"));
    expect(log.most).toBe(2);
    // Every place came back: two run at once again, immediately.
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
    const again = [heldWork(log, "a"), heldWork(log, "b")];
    const runs = again.map(({ work }) => queue.run(work));
    await settled();
    expect(queue.stats()).toEqual({ running: 2, waiting: 0 });
    for (const { finish } of again) finish();
    await Promise.all(runs);
  });

  it("starts the waiting 'first' before the waiting 'normal', each in order of arrival", async () => {
    const queue = new PasswordWorkQueue({ ...limits, concurrent: 1 });
    const log = newLog();
    const running = heldWork(log, "running");
    const order: Array<[string, PasswordWorkPriority]> = [
      ["guess 1", "normal"],
      ["owner 1", "first"],
      ["guess 2", "normal"],
      ["owner 2", "first"],
    ];
    const first = queue.run(running.work);
    const waiting = order.map(([name, priority]) => queue.run(async () => void log.started.push(name), priority));
    await settled();
    running.finish();
    await Promise.all([first, ...waiting]);
    expect(log.started).toEqual(["running", "owner 1", "owner 2", "guess 1", "guess 2"]);
  });

  it("gives someone known the place of the last stranger in a full line instead of refusing them", async () => {
    const queue = new PasswordWorkQueue({ ...limits, concurrent: 1, waiting: 2 });
    const log = newLog();
    const running = heldWork(log, "running");
    const first = queue.run(running.work);
    const strangers = ["guess 1", "guess 2"].map((name) => outcome(queue.run(async () => void log.started.push(name))));
    const owners = ["owner 1", "owner 2"].map((name) =>
      outcome(queue.run(async () => void log.started.push(name), "first")),
    );
    // The last stranger in line went first, then the next one.
    expect(await strangers[1]).toBe("busy");
    expect(await strangers[0]).toBe("busy");
    // A line full of known callers refuses the next one, known or not.
    expect(await outcome(queue.run(async () => void log.started.push("owner 3"), "first"))).toBe("busy");
    running.finish();
    await first;
    expect(await Promise.all(owners)).toEqual(["ran", "ran"]);
    expect(log.started).toEqual(["running", "owner 1", "owner 2"]);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a call that has waited longer than maxWaitMs, without running it or keeping its place", async () => {
    const queue = new PasswordWorkQueue({ concurrent: 1, waiting: 4, maxWaitMs: 50 });
    const log = newLog();
    const running = heldWork(log, "running");
    const first = queue.run(running.work);
    const started = Date.now();
    expect(await outcome(queue.run(async () => void log.started.push("late")))).toBe("busy");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(queue.stats()).toEqual({ running: 1, waiting: 0 });
    running.finish();
    await first;
    expect(log.started).toEqual(["running"]);
    // Its place was not kept: the next call runs at once.
    expect(await outcome(queue.run(async () => void log.started.push("next")))).toBe("ran");
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("gives the place back when the work throws", async () => {
    const queue = new PasswordWorkQueue({ ...limits, concurrent: 1 });
    await expect(queue.run(async () => Promise.reject(new Error("argon2 failed")))).rejects.toThrow("argon2 failed");
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
    expect(await queue.run(async () => "ok")).toBe("ok");
  });

  it("answers 503 with a clear message, never a 500", () => {
    const busy = new PasswordWorkBusy();
    expect(busy).toMatchObject({ status: 503, code: "busy", retryAfterSeconds: 5 });
    expect(busy.message).toMatch(/Try again in a few seconds/);
  });
});
