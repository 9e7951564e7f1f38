// A signed-in agent's requests are limited per agent (README "Request limits"): server actions and the API
// reads the UI makes with the session cookie. Next's cookies() exist only inside a request, so the session
// lookup of server actions is replaced here by the agent it would find; everything else is real.
import { afterEach, describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { sessionCookie } from "../helpers/realtime";
import { createTeam } from "../factories";
import { requireAgent } from "@/lib/auth/session";
import { defineAction } from "@/lib/http/define-action";
import { RATE_LIMITS } from "@/lib/rate-limit/rate-limiter";
import { GET as getLabels } from "@/app/api/v1/labels/route";

vi.mock(import("@/lib/auth/session"), async (importOriginal) => ({
  ...(await importOriginal()),
  requireAgent: vi.fn(),
}));

const defaults = { actions: RATE_LIMITS.agentActions.limit, reads: RATE_LIMITS.agentReads.limit };
afterEach(() => {
  RATE_LIMITS.agentActions.limit = defaults.actions;
  RATE_LIMITS.agentReads.limit = defaults.reads;
});

describe("per-agent limits", () => {
  it("answers an agent's server action past the limit with rate_limited; another agent is not held", async () => {
    RATE_LIMITS.agentActions.limit = 5; // the rule as it is, at a size a test reaches
    const team = await createTeam(testDatabase().prisma);
    let ran = 0;
    const action = defineAction([], async () => ++ran);
    vi.mocked(requireAgent).mockResolvedValue(team.agent.actor);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await action());
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.slice(5)).toEqual([
      { ok: false, error: expect.objectContaining({ code: "rate_limited" }) },
      { ok: false, error: expect.objectContaining({ code: "rate_limited" }) },
    ]);
    expect(ran).toBe(5);
    vi.mocked(requireAgent).mockResolvedValue(team.admin.actor);
    expect(await action()).toMatchObject({ ok: true });
  });

  it("answers an agent's cookie reads past the limit 429; an API key is not held by it", async () => {
    RATE_LIMITS.agentReads.limit = 5;
    const team = await createTeam(testDatabase().prisma);
    const cookie = await sessionCookie(team.agent.actor);
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await callApi(getLabels, { path: "/api/v1/labels", headers: { cookie } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await callApi(getLabels, { path: "/api/v1/labels", key: team.service.key })).status).toBe(200);
  });
});
