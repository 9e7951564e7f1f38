// Failed API-key authentications (lib/auth/api-keys.ts API_KEY_FAILURE_LIMITS): counted per client address; past the
// limit an address's unknown keys are refused with 429 and Retry-After before any database look-up, while a good key
// — from that address too — is served, and other addresses are unaffected. The admission cache forgets unknown keys
// oldest first, never the good ones.
import { describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { createApiKeyRecord } from "../factories/settings";
import { GET as listLabels } from "@/app/api/v1/labels/route";
import { AdmissionCache, settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { revokeApiKey, updateApiKey } from "@/lib/api-keys/manage-api-keys";
import { API_KEY_FAILURE_LIMITS, API_KEY_REFUSAL_PAUSE_MS, generateApiKey, hashApiKey } from "@/lib/auth/api-keys";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { newNetwork } from "../helpers/addresses";

const { limit } = API_KEY_FAILURE_LIMITS.perAddress;

/**
 * A fresh IPv6 /64 of the documentation range: with REDIS_URL the counters outlive the run (a minute), so fixed
 * addresses would start a second run already past the limit.
 */

/** GET /api/v1/labels with `key`, as server.ts hands it on from `address`. */
const list = (key: string, address: string) =>
  callApi(listLabels, { key, path: "/api/v1/labels", headers: { [CLIENT_ADDRESS_HEADER]: address } });

describe("failed API keys per client address", () => {
  it("past the limit, an address's unknown keys get 429 before any look-up; its good key is still served", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const flooder = `${newNetwork()}::30`;
    const elsewhere = `${newNetwork()}::31`;
    // The integration at that address has used its key on this instance before the script there starts guessing.
    expect((await list(team.service.key, flooder)).status).toBe(200);

    const lookups = vi.spyOn(db.apiKey, "findUnique");
    try {
      for (let i = 1; i < limit; i++) expect((await list(generateApiKey(), flooder)).status).toBe(401);
      // A malformed key counts as a failure too, and costs no look-up.
      expect((await list("Basic-looking-nonsense", flooder)).status).toBe(401);
      expect(lookups).toHaveBeenCalledTimes(limit - 1);

      const started = Date.now();
      const refused = await list(generateApiKey(), flooder);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(API_KEY_FAILURE_LIMITS.perAddress.windowSeconds);
      // Answered after the tarpit's pause: a script's looping connections cost a request a second each.
      expect(Date.now() - started).toBeGreaterThanOrEqual(API_KEY_REFUSAL_PAUSE_MS - 100);
      expect((await list("not-even-a-key", flooder)).status).toBe(429);
      expect(lookups, "no look-up past the limit").toHaveBeenCalledTimes(limit - 1);

      // The good key, from the same address: served at once, from memory.
      const before = Date.now();
      expect((await list(team.service.key, flooder)).status).toBe(200);
      expect(Date.now() - before).toBeLessThan(API_KEY_REFUSAL_PAUSE_MS);
      expect(lookups).toHaveBeenCalledTimes(limit - 1);
      // Renamed meanwhile (its cached answer is dropped): still served, after one look-up — it is known good here.
      await updateApiKey({ db, actor: team.admin.actor, input: { apiKeyId: team.service.apiKeyId, name: "Renamed" } });
      // On PostgreSQL the change reaches the cache by NOTIFY, after the commit: wait for it, as a caller would.
      await settleAdmissionChanges();
      expect((await list(team.service.key, flooder)).status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(limit);

      // Another address is unaffected: its unknown key is a 401 (looked up), its good key a 200.
      expect((await list(generateApiKey(), elsewhere)).status).toBe(401);
      expect(lookups).toHaveBeenCalledTimes(limit + 1);
      expect((await list(team.service.key, elsewhere)).status).toBe(200);
    } finally {
      lookups.mockRestore();
    }
  });

  it("refuses a good key this instance never saw from an address past the limit, until the window ends", async () => {
    // The price of refusing before the look-up: nothing tells such a key from a guess without the database. Keys an
    // integration uses are seen good on every instance it reaches long before (README, "Request limits").
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const flooder = `${newNetwork()}::40`;
    for (let i = 0; i < limit; i++) await list(generateApiKey(), flooder);
    const { key } = await createApiKeyRecord(db, team.tenant.id, { name: "Brand new" });
    expect((await list(key, flooder)).status).toBe(429);
    expect((await list(key, `${newNetwork()}::41`)).status).toBe(200);
    // Once seen good, the flooding address is served it too.
    expect((await list(key, flooder)).status).toBe(200);
  });

  it("counts a key revoked after it was seen good as a failure, refused past the limit like a guess", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const leaker = `${newNetwork()}::50`;
    const { key, record } = await createApiKeyRecord(db, team.tenant.id, { name: "Leaked" });
    expect((await list(key, leaker)).status).toBe(200);
    expect((await list(team.service.key, leaker)).status).toBe(200);
    await revokeApiKey({ db, actor: team.admin.actor, apiKeyId: record.id });
    await settleAdmissionChanges();
    // Before, a key once seen good skipped the address's failure count: its holder could loop 401s without end.
    const answers: number[] = [];
    for (let i = 0; i <= limit; i++) answers.push((await list(key, leaker)).status);
    expect(answers.slice(0, limit - 1)).toEqual(Array(limit - 1).fill(401));
    expect(answers.at(-1)).toBe(429);
    // The address's other, good key is still served.
    expect((await list(team.service.key, leaker)).status).toBe(200);
  });

  it("counts IPv6 clients by /64: a neighbour in the flooder's /64 is refused, another /64 is not", async () => {
    const db = testDatabase().prisma;
    await createTeam(db);
    const network = newNetwork();
    for (let i = 0; i < limit; i++) await list(generateApiKey(), `${network}::1`);
    expect((await list(generateApiKey(), `${network}::2`)).status).toBe(429);
    expect((await list(generateApiKey(), `${newNetwork()}::1`)).status).toBe(401);
  });
});

describe("the admission cache's memory of keys", () => {
  it("forgets unknown keys oldest first and keeps every good one, however many unknown keys are asked", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const cache = new AdmissionCache(testDatabase());
    await cache.start();
    try {
      const good = hashApiKey(team.service.key);
      expect(await cache.apiKey(good)).toMatchObject({ apiKeyId: team.service.apiKeyId });
      const first = hashApiKey(generateApiKey());
      expect(await cache.apiKey(first)).toBeNull();
      // More unknown keys than it remembers (10,000): the old code then forgot every key, the good ones too.
      for (let batch = 0; batch < 101; batch++) {
        await Promise.all(Array.from({ length: 100 }, () => cache.apiKey(hashApiKey(generateApiKey()))));
      }
      const lookups = vi.spyOn(db.apiKey, "findUnique");
      try {
        expect(await cache.apiKey(good)).toMatchObject({ apiKeyId: team.service.apiKeyId });
        expect(lookups, "the good key is still answered from memory").not.toHaveBeenCalled();
        expect(await cache.apiKey(first)).toBeNull();
        expect(lookups, "the oldest unknown key was forgotten").toHaveBeenCalledTimes(1);
      } finally {
        lookups.mockRestore();
      }
    } finally {
      await cache.close();
    }
  });
});
