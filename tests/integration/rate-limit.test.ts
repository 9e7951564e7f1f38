import { describe, expect, it } from "vitest";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limiter";
import { errorResponse } from "@/lib/http/api";
import { RateLimited } from "@/lib/errors";

describe("rate limits", () => {
  it("refuses past the limit within a window, with the seconds to wait", async () => {
    const rule = { name: `test-${Date.now()}`, limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) await enforceRateLimit(rule, "someone");
    const error = await enforceRateLimit(rule, "someone").catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    // The window has just begun (with REDIS_URL: the key's TTL, not another reply of the transaction).
    expect(error.retryAfterSeconds).toBeGreaterThan(50);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other subjects have their own budget.
    await enforceRateLimit(rule, "someone else");
  });

  it("answers 429 with Retry-After through the API", async () => {
    const response = errorResponse(new RateLimited(42));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({
      error: { code: "rate_limited", message: "Too many requests; retry in 42 s." },
    });
  });
});
