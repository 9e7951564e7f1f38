// The sites that may embed a tenant's widget (Settings → Live chat; GET/PATCH /api/v1/settings
// widgetAllowedOrigins): origins only, normalized, at most 20; admins and API keys only.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { GET, PATCH } from "@/app/api/v1/settings/route";
import { originAllowedToEmbed, widgetEmbeddingOrigins } from "@/lib/live-chat/widget-origins";
import { updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

describe("widget embedding origins", () => {
  it("are any site by default, and are set, normalized and audited through the settings API", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    expect((await callApi(GET, { key: team.service.key })).body).toEqual({
      defaultPhoneRegion: "US",
      spamDetectionMode: "scores",
      spamSuspectThreshold: 0.9,
      widgetAllowedOrigins: [],
    });
    expect(await widgetEmbeddingOrigins(db, team.tenant.id)).toBeNull();

    const set = await callApi(PATCH, {
      method: "PATCH",
      key: team.service.key,
      body: {
        widgetAllowedOrigins: [
          " HTTPS://Shop.Example.com/ ",
          "https://*.brand.example",
          "http://localhost:8080",
          "https://shop.example.com",
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.widgetAllowedOrigins).toEqual([
      "https://shop.example.com",
      "https://*.brand.example",
      "http://localhost:8080",
    ]);
    expect(await widgetEmbeddingOrigins(db, team.tenant.id)).toEqual(set.body.widgetAllowedOrigins);
    expect(
      await db.auditLog.count({ where: { tenantId: team.tenant.id, action: "tenant.general_settings_updated" } }),
    ).toBe(1);

    // Leaving the field out keeps it; [] goes back to any site.
    expect(
      (await callApi(PATCH, { method: "PATCH", key: team.service.key, body: { defaultPhoneRegion: "gb" } })).body
        .widgetAllowedOrigins,
    ).toHaveLength(3);
    expect(
      (await callApi(PATCH, { method: "PATCH", key: team.service.key, body: { widgetAllowedOrigins: [] } })).body
        .widgetAllowedOrigins,
    ).toEqual([]);
  });

  it("refuses what is not an origin, too many, and non-admins", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    for (const bad of [
      "shop.example.com",
      "https://shop.example.com/path",
      "javascript:alert(1)",
      "https://a b.com",
      "https://*",
      "ftp://x.com",
      "'none'",
      "https://x.com:99999",
    ]) {
      const res = await callApi(PATCH, {
        method: "PATCH",
        key: team.service.key,
        body: { widgetAllowedOrigins: [bad] },
      });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe("widgetAllowedOrigins.0");
    }
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`);
    expect(
      (await callApi(PATCH, { method: "PATCH", key: team.service.key, body: { widgetAllowedOrigins: many } })).status,
    ).toBe(400);
    await expect(
      updateGeneralSettings({ db, actor: team.agent.actor, input: { widgetAllowedOrigins: [] } }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("match origins by scheme, host (or subdomain for *.) and port", () => {
    const allowed = ["https://shop.example.com", "https://*.brand.example", "http://localhost:8080"];
    expect(originAllowedToEmbed("https://shop.example.com", allowed)).toBe(true);
    expect(originAllowedToEmbed("https://shop.example.com:443", allowed)).toBe(true);
    expect(originAllowedToEmbed("https://eu.shop.brand.example", allowed)).toBe(true);
    expect(originAllowedToEmbed("http://localhost:8080", allowed)).toBe(true);
    expect(originAllowedToEmbed("https://brand.example", allowed)).toBe(false);
    expect(originAllowedToEmbed("https://shop.example.com.evil.test", allowed)).toBe(false);
    expect(originAllowedToEmbed("http://shop.example.com", allowed)).toBe(false);
    expect(originAllowedToEmbed("http://localhost:8081", allowed)).toBe(false);
    expect(originAllowedToEmbed("null", allowed)).toBe(false);
    expect(originAllowedToEmbed("https://anything.example", null)).toBe(true);
  });
});
