// Flood control per sender (channel + normalized identifier: a phone number, an e-mail address, a
// widget visitor). Every incoming message draws from two token buckets of its sender:
//   - the normal bucket: within it, the message takes the normal lane (realtime, notifications…);
//   - the hard cap: past the normal bucket but within the cap, the sender is "flooding": the message is
//     stored in the cheap lane (lib/messages/cheap-lane.ts) and answered 202 like any other; past the
//     cap it is refused with 429 and Retry-After — stored nowhere, so nothing answered 202 is lost.
// A banned sender's messages always take the cheap lane (and the hard cap applies to them too).
// Buckets are per sender, so one sender's flood never spends another's tokens, nor the channel's API
// key (POST /api/v1/messages is limited per sender, not per key). With REDIS_URL the buckets live in
// Redis (lib/rate-limit), shared by every instance; without it, in this one process.
//
// No sender queues ahead of the others: on each instance a sender has at most two normal-lane
// transactions and one cheap-lane message in flight (the rest wait their turn holding no connection;
// the cheap lane's queue is short, then 429), and the cheap lane as a whole has at most
// CHEAP_LANE_IN_FLIGHT messages in flight: a quarter of a group of messages stored together
// (lib/messages/receive-group.ts), so other senders' messages always fill most of every group.
import "server-only";
import type { ChannelName } from "@/lib/channels/channels";
import { RateLimited } from "@/lib/errors";
import { takeToken } from "@/lib/rate-limit/rate-limiter";
import { SENDER_LIMITS } from "./sender-limits";
import { admissionCache } from "./admission-cache";

export { SENDER_LIMITS };

export interface SenderKey {
  tenantId: string;
  channel: ChannelName;
  /** Normalized, as ingest stores it. */
  identifier: string;
}

export type SenderLane =
  | { cheap: false }
  | { cheap: true; why: "banned"; banId: string }
  | { cheap: true; why: "flooding" };

const subjectOf = (sender: SenderKey) => `${sender.tenantId}:${sender.channel}:${sender.identifier}`;

/**
 * Which lane a message from `sender` takes; throws RateLimited (429, Retry-After) past the sender's
 * hard cap. From memory (the ban set) and the buckets — no database round trip.
 */
export async function chooseSenderLane(sender: SenderKey, now: Date): Promise<SenderLane> {
  const subject = subjectOf(sender);
  const cap = await takeToken(SENDER_LIMITS.hardCap, subject);
  if (!cap.taken) throw await refusedAfterPause(cap.retryAfterSeconds);
  const cache = await admissionCache();
  const ban = await cache.activeBan(cache.database(), sender.tenantId, sender.channel, [sender.identifier], now);
  if (ban) return { cheap: true, why: "banned", banId: ban.id };
  const normal = await takeToken(SENDER_LIMITS.normal, subject);
  return normal.taken ? { cheap: false } : { cheap: true, why: "flooding" };
}

/**
 * A refusal is answered after a pause (a tarpit): a sender that keeps N connections busy back to back
 * then costs at most N requests a second once past its cap, instead of as many as the server can
 * answer — every answer, even a 429 from memory, costs a full HTTP request. Waiting costs a timer.
 */
async function refusedAfterPause(retryAfterSeconds: number): Promise<RateLimited> {
  await new Promise((resolve) => setTimeout(resolve, SENDER_LIMITS.refusalPauseMs));
  return new RateLimited(retryAfterSeconds);
}

// ---------------------------------------------------------------------------------------------------
// Bounded concurrency of the cheap lane on this instance.

class Gate {
  private active = 0;
  private waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  get queued() {
    return this.waiting.length;
  }
  get idle() {
    return this.active === 0 && this.waiting.length === 0;
  }
  async enter(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  /**
   * The next waiter starts on a later turn of the event loop (setImmediate), not in this microtask: a
   * sender's queued messages would otherwise run back to back as one chain of microtasks — on the
   * embedded database, whose queries run synchronously in this thread, a burst of them kept every other
   * request (and its socket's I/O) waiting until the whole backlog was stored (the flood figure's
   * customers waited up to 2 s at a flood's start). Now other senders' requests get a turn between them.
   */
  leave(): void {
    const next = this.waiting.shift();
    if (next) setImmediate(next);
    else this.active--;
  }
}

const shared = globalThis as typeof globalThis & {
  __bouncerCheapLane?: { lane: Gate; senders: Map<string, Gate>; normal: Map<string, Gate> };
};

/**
 * Cheap-lane messages in flight on this instance at once. They hold no connection (they wait in the
 * groups of lib/messages/receive-group.ts, 32 a group), so this bounds their share of a group, not of
 * the pool; grouped, a banned sender's message costs less than alone (bench/results/README.md).
 */
const CHEAP_LANE_IN_FLIGHT = 8;

function gates() {
  shared.__bouncerCheapLane ??= {
    lane: new Gate(CHEAP_LANE_IN_FLIGHT),
    senders: new Map(),
    normal: new Map(),
  };
  return shared.__bouncerCheapLane;
}

/** Runs `work` under the per-sender gate in `gatesOf`, created on first use and dropped when idle. */
async function inTurn<T>(
  gatesOf: Map<string, Gate>,
  subject: string,
  limit: number,
  work: () => Promise<T>,
): Promise<T> {
  let own = gatesOf.get(subject);
  if (!own) {
    own = new Gate(limit);
    gatesOf.set(subject, own);
  }
  await own.enter();
  try {
    return await work();
  } finally {
    own.leave();
    if (own.idle) gatesOf.delete(subject);
  }
}

/**
 * Runs `work` (a normal-lane message's transaction) with at most SENDER_LIMITS.normalInFlightPerSender
 * of this sender's transactions in flight on this instance: a sender's burst waits its turn here,
 * holding no database connection, instead of taking the pool from everyone else.
 */
export function inSenderTurn<T>(sender: SenderKey, work: () => Promise<T>): Promise<T> {
  return inTurn(gates().normal, subjectOf(sender), SENDER_LIMITS.normalInFlightPerSender, work);
}

/**
 * Runs `work` (storing a cheap-lane message) after this sender's earlier cheap messages and within the
 * lane's share of the pool. 429 when the sender already has a full queue here.
 */
export async function inCheapLane<T>(sender: SenderKey, work: () => Promise<T>): Promise<T> {
  const { lane, senders } = gates();
  const subject = subjectOf(sender);
  if ((senders.get(subject)?.queued ?? 0) >= SENDER_LIMITS.queuedPerSender) throw await refusedAfterPause(1);
  return inTurn(senders, subject, 1, async () => {
    await lane.enter();
    try {
      return await work();
    } finally {
      lane.leave();
    }
  });
}
