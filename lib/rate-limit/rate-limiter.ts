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
  /**
   * Token bucket: takes one token from `key`'s bucket (full at `burst`, refilled at `perSecond`) if it
   * has one, and answers whether it did and, if not, in how many ms the next token comes.
   */
  take(key: string, burst: number, perSecond: number): Promise<{ taken: boolean; waitMs: number }>;
  /** Puts one token back in `key`'s bucket (a turn taken for work that was then not done), never above `burst`. */
  give(key: string, burst: number, perSecond: number): Promise<void>;
}

/**
 * The memory store's bounds. Past SWEEP_ABOVE entries, expired ones are dropped — at most once a second: a
 * script creating counters for many subjects (addresses of an IPv6 /48, random emails) made every new one
 * walk them all. Past MAX_ENTRIES live ones, the oldest go: a forgotten counter lets its subject start over,
 * which is better than an instance out of memory.
 */
export const MEMORY_STORE_BOUNDS = { sweepAbove: 50_000, maxEntries: 500_000, sweepEveryMs: 1_000 };

/** Drops `map`'s expired entries (at most once per sweepEveryMs) and, past maxEntries, its oldest ones. */
function bound<V>(map: Map<string, V>, expired: (value: V) => boolean, now: number, lastSweep: number): number {
  if (map.size <= MEMORY_STORE_BOUNDS.sweepAbove) return lastSweep;
  if (now - lastSweep >= MEMORY_STORE_BOUNDS.sweepEveryMs) {
    for (const [key, value] of map) if (expired(value)) map.delete(key);
    lastSweep = now;
  }
  // Insertion order is age: a counter restarted in a new window, or a bucket taken from, is re-inserted.
  for (const key of map.keys()) {
    if (map.size <= MEMORY_STORE_BOUNDS.maxEntries) break;
    map.delete(key);
  }
  return lastSweep;
}

class MemoryStore implements CounterStore {
  private counters = new Map<string, { count: number; resetAt: number }>();
  private buckets = new Map<string, { tokens: number; at: number; fullAt: number }>();
  private countersSwept = 0;
  private bucketsSwept = 0;
  async take(key: string, burst: number, perSecond: number) {
    const now = Date.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond) : burst;
    if (tokens < 1) return { taken: false, waitMs: Math.ceil(((1 - tokens) / perSecond) * 1000) };
    const left = tokens - 1;
    this.buckets.delete(key); // re-inserted: the map's order stays the order of last use
    this.buckets.set(key, { tokens: left, at: now, fullAt: now + ((burst - left) / perSecond) * 1000 });
    this.bucketsSwept = bound(this.buckets, (b) => b.fullAt <= now, now, this.bucketsSwept);
    return { taken: true, waitMs: 0 };
  }
  async give(key: string, burst: number, perSecond: number) {
    const bucket = this.buckets.get(key);
    if (!bucket) return; // full, or forgotten as full
    const tokens = Math.min(burst, bucket.tokens + 1);
    this.buckets.set(key, { tokens, at: bucket.at, fullAt: bucket.at + ((burst - tokens) / perSecond) * 1000 });
  }
  async hit(key: string, windowMs: number) {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.resetAt <= now) {
      counter = { count: 0, resetAt: now + windowMs };
      this.counters.delete(key);
      this.counters.set(key, counter);
      this.countersSwept = bound(this.counters, (c) => c.resetAt <= now, now, this.countersSwept);
    }
    counter.count++;
    return { count: counter.count, resetMs: counter.resetAt - now };
  }
  async peek(key: string) {
    const now = Date.now();
    const counter = this.counters.get(key);
    return counter && counter.resetAt > now
      ? { count: counter.count, resetMs: counter.resetAt - now }
      : { count: 0, resetMs: 0 };
  }
  async refund(key: string) {
    const counter = this.counters.get(key);
    if (counter && counter.count > 0) counter.count--;
  }
  async reset(key: string) {
    this.counters.delete(key);
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
    const [count, , ttl] = (await client
      .multi()
      .incr(key)
      .pExpire(key, windowMs, "NX")
      .pTTL(key)
      .exec()) as unknown as [number, unknown, number];
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
    await client.eval(
      "if redis.call('exists', KEYS[1]) == 1 and tonumber(redis.call('get', KEYS[1])) > 0 then return " +
        "redis.call('decr', KEYS[1]) end return 0",
      {
        keys: [key],
      },
    );
  }
  async reset(key: string) {
    const client = await this.client;
    await client.del(key);
  }
  async take(key: string, burst: number, perSecond: number) {
    const client = await this.client;
    // Atomic in Redis (one script), on Redis's clock, so every instance draws from the same bucket.
    const [taken, waitMs] = (await client.eval(TAKE_TOKEN_SCRIPT, {
      keys: [key],
      arguments: [String(burst), String(perSecond)],
    })) as [number, number];
    return { taken: taken === 1, waitMs: Number(waitMs) };
  }
  async give(key: string, burst: number, perSecond: number) {
    const client = await this.client;
    await client.eval(GIVE_TOKEN_SCRIPT, { keys: [key], arguments: [String(burst), String(perSecond)] });
  }
}

const TAKE_TOKEN_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = burst else tokens = math.min(burst, tokens + (now - at) / 1000 * rate) end
if tokens < 1 then return {0, math.ceil((1 - tokens) / rate * 1000)} end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {1, 0}`;

// A bucket that is gone is full: nothing to give back. Otherwise one more token as of its last take.
const GIVE_TOKEN_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
if tokens == nil then return 0 end
tokens = math.min(burst, tokens + 1)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens))
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local at = tonumber(state[2])
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil(at + (burst - tokens) / rate * 1000 - now) + 1000))
return 1`;

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
export async function reserveRateLimit(
  rule: RateLimitRule,
  subject: string,
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const result = await safely(() => store().hit(keyOf(rule, subject), rule.windowSeconds * 1000));
  return {
    allowed: result.count <= rule.limit,
    count: result.count,
    retryAfterSeconds: Math.max(1, Math.ceil(result.resetMs / 1000)),
  };
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

export interface TokenBucketRule {
  /** What is limited, e.g. "ingest:sender". */
  name: string;
  /** Tokens when full: how many may come at once. */
  burst: number;
  /** Tokens added per second: the sustained rate. */
  perSecond: number;
}

/**
 * Takes one token for `subject` from `rule`'s bucket; answers whether there was one and, if not, the
 * seconds until there is. A store failure lets the request through (as every limit here).
 */
export async function takeToken(
  rule: TokenBucketRule,
  subject: string,
): Promise<{ taken: boolean; retryAfterSeconds: number }> {
  try {
    const { taken, waitMs } = await store().take(`tb:${rule.name}:${subject}`, rule.burst, rule.perSecond);
    return { taken, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  } catch (error) {
    console.error("[rate-limit] store unavailable:", error instanceof Error ? error.message : error);
    return { taken: true, retryAfterSeconds: 1 };
  }
}

/** Gives back a token `takeToken` took, for work that was then not done (never above the burst). */
export async function giveTokenBack(rule: TokenBucketRule, subject: string): Promise<void> {
  try {
    await store().give(`tb:${rule.name}:${subject}`, rule.burst, rule.perSecond);
  } catch (error) {
    console.error("[rate-limit] store unavailable:", error instanceof Error ? error.message : error);
  }
}

export const RATE_LIMITS = {
  apiPerKey: { name: "api:key", limit: 12_000, windowSeconds: 60 },
  /**
   * Server actions of one signed-in agent (every change made in the UI): a person clicks far fewer, while a
   * script with an agent's cookie could otherwise loop the costliest ones (bulk marks, bans of every poster).
   */
  agentActions: { name: "agent:actions", limit: 300, windowSeconds: 60 },
  /** API reads with an agent's session cookie (the UI's lists and panes), for the same reason. */
  agentReads: { name: "agent:reads", limit: 1_200, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;
