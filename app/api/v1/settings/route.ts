// GET /api/v1/settings — the tenant's general settings; PATCH /api/v1/settings — change them
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import {
  generalSettingsPatchSchema,
  getGeneralSettings,
  updateGeneralSettings,
} from "@/lib/tenant-settings/general-settings";
import { generalSettingsViewSchema } from "@/lib/tenant-settings/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/settings",
    tag: "Settings",
    summary: "The tenant's general settings (admins and API keys).",
    actsAsAgent: true,
    responses: { 200: { description: "Settings", schema: generalSettingsViewSchema } },
  },
  async ({ db, actor }) => json(await getGeneralSettings({ db, actor })),
);

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/settings",
    tag: "Settings",
    summary:
      "Change general settings (admins and API keys); fields left out stay. `defaultPhoneRegion` is how numbers " +
      "without +country code are read from then on — by ingest (sender identifiers), bans on phone channels and " +
      "spam-string extraction; a code in any case (gb, GB), 400 for an unknown one. What is stored already keeps " +
      "its form. `widgetAllowedOrigins` replaces the list of sites that may embed the widget (at most 20 origins, " +
      "scheme://host[:port], `*.` for subdomains; [] = any site). `spamDetectionMode` and `spamSuspectThreshold` " +
      "apply to the next incoming message. Recorded in the audit log.",
    body: generalSettingsPatchSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The settings after the change", schema: generalSettingsViewSchema } },
  },
  async ({ db, actor, req }) =>
    json(await updateGeneralSettings.fromUntrusted({ db, actor, input: await readJson(req) })),
);
