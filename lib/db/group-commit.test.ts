import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

/** A send whose batches end when the test says so. */
function controlledSend() {
  const batches: Array<{ items: number[]; end(outcomes?: Array<number | Error>): void; fail(error: Error): void }> = [];
  const send = (items: number[]) =>
    new Promise<Array<number | Error>>((resolve, reject) => {
      batches.push({ items, end: (outcomes) => resolve(outcomes ?? items.map((n) => n * 10)), fail: reject });
    });
  return { batches, send };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("groupCommit", () => {
  it("sends the calls of one turn together, and those arriving while the database is busy as the next", async () => {
    const { batches, send } = controlledSend();
    const call = groupCommit({ maxBatch: 32, maxInFlight: 1, send });
    const first = [1, 2, 3].map((n) => call(n));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);

    const waiting = [4, 5].map((n) => call(n));
    await turn();
    expect(batches).toHaveLength(1); // the one batch allowed in flight is still there
    batches[0]!.end();
    expect(await Promise.all(first)).toEqual([10, 20, 30]);
    expect(batches.map((b) => b.items)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    batches[1]!.end();
    expect(await Promise.all(waiting)).toEqual([40, 50]);
  });

  it("keeps batches within maxBatch and at most maxInFlight of them in flight", async () => {
    const { batches, send } = controlledSend();
    const call = groupCommit({ maxBatch: 2, maxInFlight: 2, send });
    const results = Array.from({ length: 7 }, (_, n) => call(n));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    batches[1]!.end();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    batches[0]!.end();
    batches[2]!.end();
    await turn();
    batches[3]!.end();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(batches.map((b) => b.items.length)).toEqual([2, 2, 2, 1]);
  });

  it("fails an item alone when its outcome is an error, and every item when the batch fails", async () => {
    const { batches, send } = controlledSend();
    const call = groupCommit({ maxBatch: 32, maxInFlight: 1, send });
    const [ok, bad] = [call(1), call(2)];
    await turn();
    batches[0]!.end([10, new Error("not this one")]);
    expect(await ok).toBe(10);
    await expect(bad).rejects.toThrow("not this one");

    const both = [call(3), call(4)];
    await turn();
    batches[1]!.fail(new Error("connection lost"));
    for (const result of both) await expect(result).rejects.toThrow("connection lost");

    // The queue goes on after a failed batch.
    const after = call(5);
    await turn();
    batches[2]!.end();
    expect(await after).toBe(50);
  });
});
