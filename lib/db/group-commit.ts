// Group commit: calls that arrive while the database is busy with earlier ones wait, and go together in one
// batch — one round trip, one statement, one commit for all of them — as soon as a batch in flight ends.
// Under light load a call goes alone at once (in the next turn of the event loop, with the calls of the
// same turn); under a flood the batches grow, and the database's cost per call falls (its per-statement and
// per-commit work, the round trips' wake-ups on both sides), which is when it matters (issue 16).
import "server-only";

export interface GroupCommitOptions<Item, Result> {
  /** The most calls in one batch. */
  maxBatch: number;
  /** The most batches in the database at once; calls beyond wait for one to end. */
  maxInFlight: number;
  /**
   * Sends a batch; answers one outcome per item, in order: its result, or the Error that item alone failed
   * with. A rejection fails every item of the batch.
   */
  send(items: Item[]): Promise<Array<Result | Error>>;
}

export type GroupCommit<Item, Result> = (item: Item) => Promise<Result>;

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): GroupCommit<Item, Result> {
  const { maxBatch, maxInFlight, send } = options;
  const queue: Waiting<Item, Result>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const sendBatch = (batch: Waiting<Item, Result>[]) => {
    inFlight++;
    send(batch.map((w) => w.item))
      .then(
        (outcomes) => {
          batch.forEach((waiting, i) => {
            const outcome = outcomes[i];
            if (outcome === undefined) waiting.reject(new Error("group commit: no outcome for an item"));
            else if (outcome instanceof Error) waiting.reject(outcome);
            else waiting.resolve(outcome);
          });
        },
        (error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        flush();
      });
  };

  const flush = () => {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length) sendBatch(queue.splice(0, maxBatch));
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // With a batch free to go, the calls of this turn go together in the next; otherwise the end of a
      // batch in flight sends them.
      if (inFlight < maxInFlight && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
