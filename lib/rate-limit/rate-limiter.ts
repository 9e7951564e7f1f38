// Fixed-window rate limits. With REDIS_URL the counters live in Redis, so every instance behind the
// load balancer shares them; without it there is one instance (the embedded database allows only one
// process), so process memory is the shared place.
import "server-only";
import { env } from "@/lib/env";
import { RateLimited } from "@/lib/errors";

export interface RateLimitRule {
  /** What is limited, e.g. "sign-in:email". */
  name: string;
  limit: number;
  windowSeconds: number;
}

interface CounterStore {
  /** Increments the counter of `key` in its window and answers the count and the window's remaining ms. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** The current count without counting. */
  peek(key: string): Promise<{ count: number; resetMs: number }>;
  /** Takes one count back (an attempt counted up front that turned out not to count), never below 0. */
  refund(key: string): Promise<void>;
  /** Forgets the counter. */
  reset(key: string): Promise<void>;
}

class MemoryStore implements CounterStore {
  private counters = new Map<string, { count: number; resetAt: number }>();
  async hit(key: string, windowMs: number) {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.resetAt <= now) {
      counter = { count: 0, resetAt: now + windowMs };
      this.counters.set(key, counter);
      if (this.counters.size > 50_000) this.sweep(now);
    }
    counter.count++;
    return { count: counter.count, resetMs: counter.resetAt - now };
  }
  async peek(key: string) {
    const now = Date.now();
    const counter = this.counters.get(key);
    return counter && counter.resetAt > now ? { count: counter.count, resetMs: counter.resetAt - now } : { count: 0, resetMs: 0 };
  }
  async refund(key: string) {
    const counter = this.counters.get(key);
    if (counter && counter.count > 0) counter.count--;
  }
  async reset(key: string) {
    this.counters.delete(key);
  }
  private sweep(now: number) {
    for (const [key, counter] of this.counters) if (counter.resetAt <= now) this.counters.delete(key);
  }
}

class RedisStore implements CounterStore {
  private client: Promise<import("redis").RedisClientType>;
  constructor(url: string) {
    this.client = import("redis").then(async ({ createClient }) => {
      const client = createClient({ url }) as import("redis").RedisClientType;
      client.on("error", (error) => console.error("[rate-limit] redis:", error.message));
      await client.connect();
      return client;
    });
  }
  async hit(key: string, windowMs: number) {
    const client = await this.client;
    // exec() answers each command's reply in order: INCR, PEXPIRE (1/0), PTTL.
    const [count, , ttl] = (await client.multi().incr(key).pExpire(key, windowMs, "NX").pTTL(key).exec()) as unknown as [number, unknown, number];
    return { count: Number(count), resetMs: Math.max(0, Number(ttl)) };
  }
  async peek(key: string) {
    const client = await this.client;
    const [count, ttl] = await Promise.all([client.get(key), client.pTTL(key)]);
    return { count: Number(count ?? 0), resetMs: Math.max(0, Number(ttl)) };
  }
  async refund(key: string) {
    const client = await this.client;
    // Only while the window lasts: a DECR on an expired key would leave a -1 without a TTL.
    await client.eval("if redis.call('exists', KEYS[1]) == 1 and tonumber(redis.call('get', KEYS[1])) > 0 then return redis.call('decr', KEYS[1]) end return 0", {
      keys: [key],
    });
  }
  async reset(key: string) {
    const client = await this.client;
    await client.del(key);
  }
}

const shared = globalThis as typeof globalThis & { __bouncerRateLimitStore?: CounterStore };

function store(): CounterStore {
  shared.__bouncerRateLimitStore ??= env().REDIS_URL ? new RedisStore(env().REDIS_URL!) : new MemoryStore();
  return shared.__bouncerRateLimitStore;
}

async function safely(run: () => Promise<{ count: number; resetMs: number }>) {
  try {
    return await run();
  } catch (error) {
    // The limiter failing must not take sign-in or the API down with it.
    console.error("[rate-limit] store unavailable:", error instanceof Error ? error.message : error);
    return { count: 0, resetMs: 0 };
  }
}

const keyOf = (rule: RateLimitRule, subject: string) => `rl:${rule.name}:${subject}`;
const refuse = (resetMs: number) => new RateLimited(Math.max(1, Math.ceil(resetMs / 1000)));

/**
 * Counts one attempt for `subject` before doing the work it limits, and answers whether it is within
 * the limit. Counting first is atomic (INCR): of 20 parallel attempts against a limit of 10, exactly 10
 * are within it, however they interleave.
 */
export async function reserveRateLimit(rule: RateLimitRule, subject: string): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const result = await safely(() => store().hit(keyOf(rule, subject), rule.windowSeconds * 1000));
  return { allowed: result.count <= rule.limit, count: result.count, retryAfterSeconds: Math.max(1, Math.ceil(result.resetMs / 1000)) };
}

/** Gives back an attempt reserved with reserveRateLimit (it succeeded, and only failures count). */
export async function refundRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await safely(async () => {
    await store().refund(keyOf(rule, subject));
    return { count: 0, resetMs: 0 };
  });
}

/** Forgets `subject`'s count for `rule`. */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await safely(async () => {
    await store().reset(keyOf(rule, subject));
    return { count: 0, resetMs: 0 };
  });
}

/** The current count of `subject`, counting nothing. */
export async function peekRateLimit(rule: RateLimitRule, subject: string): Promise<number> {
  return (await safely(() => store().peek(keyOf(rule, subject)))).count;
}

/** Counts one attempt for `subject`; throws RateLimited (429 with Retry-After) past the limit. */
export async function enforceRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const result = await safely(() => store().hit(keyOf(rule, subject), rule.windowSeconds * 1000));
  if (result.count > rule.limit) throw refuse(result.resetMs);
}

/** For limits on failures only (sign-in): refuses while `subject` is over the limit, counting nothing. */
export async function assertUnderRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const result = await safely(() => store().peek(keyOf(rule, subject)));
  if (result.count >= rule.limit) throw refuse(result.resetMs);
}

/** Counts one failure for `subject`. */
export async function countRateLimitedFailure(rule: RateLimitRule, subject: string): Promise<void> {
  await safely(() => store().hit(keyOf(rule, subject), rule.windowSeconds * 1000));
}

export const RATE_LIMITS = {
  apiPerKey: { name: "api:key", limit: 12_000, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;
