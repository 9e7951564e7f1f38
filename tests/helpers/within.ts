/**
 * Polls `check` every 5 ms until it holds and says how long that took, or throws after `ms`: for what
 * another instance hears of a change (a NOTIFY, a Redis message) a moment after it is made.
 */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}
