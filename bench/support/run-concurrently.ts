import { msSince } from "./stats";

/** Runs `task` over `items` with `concurrency` workers; returns each item's latency in ms (NaN on error). */
export async function runConcurrently<T>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<unknown>,
): Promise<number[]> {
  const latencies = new Array<number>(items.length);
  let next = 0;
  let firstError: unknown;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const started = process.hrtime.bigint();
      try {
        await task(items[i]!, i);
        latencies[i] = msSince(started);
      } catch (error) {
        firstError ??= error;
        latencies[i] = Number.NaN;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (firstError && latencies.every((l) => Number.isNaN(l))) throw firstError;
  if (firstError) console.error("  first error:", firstError instanceof Error ? firstError.message : firstError);
  return latencies;
}
