// Admission from memory (lib/admission/admission-cache.ts): two instances' caches on one database —
// each with its own LISTEN (on PostgreSQL its own connection) — hear of a revoked key, a new ban and a
// lifted ban within a second; a warm not-banned check touches no database; hits are written in one
// statement per flush, however many refusals were counted.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import { AdmissionCache } from "@/lib/admission/admission-cache";
import { flushAdmissionHits } from "@/lib/admission/hit-counters";
import { hashApiKey } from "@/lib/auth/api-keys";
import { revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import type { DatabaseHandle, DbOrTx } from "@/lib/db";
import type { ListenerConnection } from "@/lib/db/notifications";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { createCampaignFor } from "../factories/campaigns";
import { pauseCampaign } from "@/lib/campaigns/manage-campaigns";
import { within } from "../helpers/within";

/** A database handle that must not be used: a warm cache answers without one. */
const noDatabase = new Proxy(
  {},
  {
    get: (_, property) => {
      throw new Error(`the cache used the database (${String(property)}) for a warm answer`);
    },
  },
) as DbOrTx;

describe("admission cache across two instances", () => {
  const instances: AdmissionCache[] = [];
  afterAll(async () => {
    for (const instance of instances) await instance.close();
  });
  async function twoInstances() {
    const a = new AdmissionCache(testDatabase());
    const b = new AdmissionCache(testDatabase());
    instances.push(a, b);
    await Promise.all([a.start(), b.start()]);
    return [a, b] as const;
  }

  it("a revoked key stops authenticating on every instance within a second", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const [a, b] = await twoInstances();
    const hash = hashApiKey(team.service.key);
    for (const instance of [a, b])
      expect(await instance.apiKey(hash)).toMatchObject({ tenantId: team.tenant.id, apiKeyId: team.service.apiKeyId });

    await revokeApiKey({ db, actor: team.admin.actor, apiKeyId: team.service.apiKeyId });
    for (const instance of [a, b])
      expect(await within(1_000, async () => (await instance.apiKey(hash)) === null)).toBeLessThan(1_000);
    // Remembered as revoked: asking again costs nothing and stays refused.
    expect(await a.apiKey(hash)).toBeNull();
  });

  it("while its listener is down it answers from the database (never stale), from memory again once back", async () => {
    const real = testDatabase();
    const team = await createTeam(real.prisma);
    // The listener's connection, dropped and restored at will: while down, notifications do not arrive.
    let connection: ListenerConnection | undefined;
    let down = false;
    const handle: DatabaseHandle = {
      ...real,
      notifications: {
        notify: (channel, payload) => real.notifications.notify(channel, payload),
        listen: (channel, onNotification, reported) => {
          connection = reported;
          return real.notifications.listen(channel, (payload) => down || onNotification(payload), reported);
        },
      },
    };
    const cache = new AdmissionCache(handle);
    instances.push(cache);
    await cache.start();
    const hash = hashApiKey(team.service.key);
    expect(await cache.apiKey(hash)).toMatchObject({ apiKeyId: team.service.apiKeyId });

    down = true;
    connection!.lost();
    expect(await cache.apiKey(hash)).toMatchObject({ apiKeyId: team.service.apiKeyId });
    await revokeApiKey({ db: real.prisma, actor: team.admin.actor, apiKeyId: team.service.apiKeyId });
    // Its notification was missed; the answer is still right, because it came from the database.
    expect(await cache.apiKey(hash)).toBeNull();
    const sender = "+447700900123";
    await createBan({
      db: real.prisma,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: sender, reason: "flood" },
      source: "admin_add",
    });
    expect(await cache.activeBan(real.prisma, team.tenant.id, "whatsapp", [sender], new Date())).not.toBeNull();

    down = false;
    connection!.restored();
    await cache.warmBans(team.tenant.id);
    // Back in memory: a warm check touches no database again.
    expect(await cache.activeBan(noDatabase, team.tenant.id, "whatsapp", [sender], new Date())).not.toBeNull();
    expect(await cache.apiKey(hash)).toBeNull();
  });

  it("a new ban and a lifted ban apply on every instance within a second; a warm check needs no database", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const [a, b] = await twoInstances();
    const now = () => new Date();
    const sender = "+447700900123";
    for (const instance of [a, b]) {
      await instance.warmBans(team.tenant.id);
      expect(await instance.activeBan(noDatabase, team.tenant.id, "whatsapp", [sender], now())).toBeNull();
    }

    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: sender, reason: "flood" },
      source: "admin_add",
    });
    for (const instance of [a, b]) {
      await within(
        1_000,
        async () => (await instance.activeBan(noDatabase, team.tenant.id, "whatsapp", [sender], now()))?.id === ban.id,
      );
    }
    // Another channel, another sender: not banned, still from memory.
    expect(await a.activeBan(noDatabase, team.tenant.id, "email", [sender], now())).toBeNull();
    expect(await a.activeBan(noDatabase, team.tenant.id, "whatsapp", ["+447700900124"], now())).toBeNull();

    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id });
    for (const instance of [a, b]) {
      await within(
        1_000,
        async () => (await instance.activeBan(noDatabase, team.tenant.id, "whatsapp", [sender], now())) === null,
      );
    }
  });

  it("a ban written by hand (SQL, another tool) reaches the caches too; an expiring ban lapses by time", async () => {
    const handle = testDatabase();
    const team = await createTeam(handle.prisma);
    const [a] = await twoInstances();
    await a.warmBans(team.tenant.id);
    const soon = new Date(Date.now() + 60_000);
    await handle.rawQuery(
      `INSERT INTO "Ban" ("id", "tenantId", "channel", "identifier", "reason", "source", "createdByName", "expiresAt")
       VALUES (gen_random_uuid()::text, $1, 'email', 'spam@example.com', 'psql', 'admin_add', 'DBA', $2)`,
      [team.tenant.id, soon],
    );
    await within(
      1_000,
      async () => (await a.activeBan(noDatabase, team.tenant.id, "email", ["spam@example.com"], new Date())) !== null,
    );
    expect(
      await a.activeBan(noDatabase, team.tenant.id, "email", ["spam@example.com"], new Date(soon.getTime() + 1)),
    ).toBeNull();
  });

  it("a tenant's changed phone region, and a started or paused ongoing campaign, are read anew", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db, { defaultPhoneRegion: "GB" });
    const [a, b] = await twoInstances();
    for (const instance of [a, b])
      expect(await instance.tenantSettings(team.tenant.id)).toEqual({
        defaultPhoneRegion: "GB",
        spamDetectionMode: "scores",
        spamSuspectThreshold: 0.9,
        ongoingCampaigns: false,
      });
    await updateGeneralSettings({ db, actor: team.admin.actor, input: { defaultPhoneRegion: "US" } });
    for (const instance of [a, b])
      await within(1_000, async () => (await instance.tenantSettings(team.tenant.id)).defaultPhoneRegion === "US");

    const campaign = await createCampaignFor(db, team.admin.actor, { kind: "ongoing", activate: true });
    for (const instance of [a, b])
      await within(1_000, async () => (await instance.tenantSettings(team.tenant.id)).ongoingCampaigns);
    await pauseCampaign({ db, actor: team.admin.actor, campaignId: campaign.id });
    for (const instance of [a, b])
      await within(1_000, async () => !(await instance.tenantSettings(team.tenant.id)).ongoingCampaigns);
  });

  it("counts a banned flood's refusals in memory and writes them together: every refusal counted", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const from = "+447700900555";
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: from, reason: "flood" },
      source: "admin_add",
    });
    const first = await receiveMessage(db, team.service, { from, text: "first" });
    // 30 at once from one sender: past its cheap-lane queue some are refused (429), never stored.
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => receiveMessage(db, team.service, { from, text: `spam ${i}` })),
    );
    const stored = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = settled.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(stored.length).toBeGreaterThanOrEqual(17);
    for (const error of refused) expect(error).toMatchObject({ status: 429, code: "rate_limited" });
    expect(stored.every((r) => !r.admitted && r.conversationId === first.conversationId)).toBe(true);
    await flushAdmissionHits();
    expect(await db.ban.findUniqueOrThrow({ where: { id: ban.id } })).toMatchObject({ hitCount: 1 + stored.length });
    expect(await db.message.count({ where: { conversationId: first.conversationId } })).toBe(1 + stored.length);
  });
});
