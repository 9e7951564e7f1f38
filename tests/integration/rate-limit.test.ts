import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limiter";
import { errorResponse } from "@/lib/http/api";
import { RateLimited } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

describe("rate limits", () => {
  it("refuses past the limit within a window, with the seconds to wait", async () => {
    const rule = { name: `test-${Date.now()}`, limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) await enforceRateLimit(rule, "someone");
    const error = await enforceRateLimit(rule, "someone").catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other subjects have their own budget.
    await enforceRateLimit(rule, "someone else");
  });

  it("answers 429 with Retry-After through the API", async () => {
    const response = errorResponse(new RateLimited(42));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({ error: { code: "rate_limited", message: "Too many requests; retry in 42 s." } });
  });

  it("stops password guessing on one email after 10 failed attempts in 15 minutes; good sign-ins do not count", async () => {
    const db = testDatabase().prisma;
    const { agent } = await createTeam(db);
    const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
    const attempt = (password: string) => provider.options.authorize({ email: agent.agent.email, password }, { headers: { "x-forwarded-for": "203.0.113.7" } });
    for (let i = 0; i < 20; i++) expect(await attempt("correct horse battery staple")).not.toBeNull();
    for (let i = 0; i < 10; i++) expect(await attempt("wrong")).toBeNull();
    await expect(attempt("correct horse battery staple")).rejects.toThrow(/Too many sign-in attempts/);
  });
});
