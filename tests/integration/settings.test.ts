// Settings → General: the tenant's default phone region (read by ingest, bans and extraction), through
// the lib use case and GET/PATCH /api/v1/settings, on a real database.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { getGeneralSettings, updateGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { phoneRegionOptions } from "@/lib/tenant-settings/phone-regions";
import { GET as settingsGet, PATCH as settingsPatch } from "@/app/api/v1/settings/route";
import { POST as messagesPost } from "@/app/api/v1/messages/route";

describe("the default phone region", () => {
  it("changes how a later ingest normalizes a national number, and what extraction finds in it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const ingest = (from: string, text = "hello") =>
      callApi(messagesPost, { key: team.service.key, body: { channel: "whatsapp", from, text } });

    // US by default: a UK mobile number written the national way is no number there.
    expect((await callApi(settingsGet, { key: team.service.key })).body).toMatchObject({ defaultPhoneRegion: "US" });
    const before = await ingest("07700900123");
    expect(before.status).toBe(400);
    expect(before.body.error.details.fields[0].field).toBe("from");

    const res = await callApi(settingsPatch, {
      key: team.service.key,
      method: "PATCH",
      body: { defaultPhoneRegion: "gb" },
    });
    expect(res).toMatchObject({ status: 200, body: { defaultPhoneRegion: "GB" } });

    const after = await ingest("07700900123", "or call 07700 900456 tonight");
    expect(after.status).toBe(202);
    const identity = await db.contactIdentity.findFirstOrThrow({
      where: { tenantId: team.tenant.id, contactId: after.body.contactId },
    });
    expect(identity.identifier).toBe("+447700900123");
    const phones = await db.spamString.findMany({
      where: { tenantId: team.tenant.id, kind: "phone" },
      select: { value: true },
    });
    expect(phones.map((p) => p.value)).toEqual(["+447700900456"]);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: team.tenant.id, action: "tenant.general_settings_updated" },
    });
    expect(audit).toMatchObject({
      actorKind: "api_key",
      targetType: "tenant",
      targetId: team.tenant.id,
      data: { defaultPhoneRegion: "GB", previous: { defaultPhoneRegion: "US" } },
    });
  });

  it("is for admins and API keys only, validates the region (naming the field), stays within the tenant", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    for (const who of [team.agent, team.supervisor]) {
      await expect(
        updateGeneralSettings({ db, actor: who.actor, input: { defaultPhoneRegion: "DE" } }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(getGeneralSettings({ db, actor: who.actor })).rejects.toMatchObject({ status: 403 });
      const res = await callApi(settingsPatch, {
        key: team.service.key,
        agentId: who.agent.id,
        method: "PATCH",
        body: { defaultPhoneRegion: "DE" },
      });
      expect(res.status).toBe(403);
    }
    for (const value of ["XX", "", "GBR", 44, null]) {
      const res = await callApi(settingsPatch, {
        key: team.service.key,
        method: "PATCH",
        body: { defaultPhoneRegion: value },
      });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["defaultPhoneRegion"]);
      expect(res.body.error.message).toContain("defaultPhoneRegion");
    }
    expect(
      (await callApi(settingsPatch, { key: team.service.key, method: "PATCH", rawBody: "{oops" })).body.error.code,
    ).toBe("invalid_json");
    // Leaving the field out changes nothing.
    expect((await callApi(settingsPatch, { key: team.service.key, method: "PATCH", body: {} })).body).toMatchObject({
      defaultPhoneRegion: "US",
    });
    expect(
      await updateGeneralSettings({ db, actor: team.admin.actor, input: { defaultPhoneRegion: "DE" } }),
    ).toMatchObject({ defaultPhoneRegion: "DE" });
    expect(await getGeneralSettings({ db, actor: other.admin.actor })).toMatchObject({ defaultPhoneRegion: "US" });
    expect((await callApi(settingsGet, {})).status).toBe(401);
  });

  it("offers every region the phone library knows, named and sorted for people", () => {
    const regions = phoneRegionOptions("en");
    expect(regions.length).toBeGreaterThan(200);
    expect(regions).toContainEqual({ code: "GB", name: "United Kingdom", callingCode: "+44" });
    expect(regions).toContainEqual({ code: "US", name: "United States", callingCode: "+1" });
    const names = regions.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});
