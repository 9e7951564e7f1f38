// OpenAPI operations of the tenant's general settings (GET/PATCH /api/v1/settings).
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { generalSettingsPatchSchema } from "./general-settings";
import { SPAM_DETECTION_MODES } from "@/lib/spam-detection/settings-schema";

const settings = z.object({
  defaultPhoneRegion: z.string().describe("ISO 3166-1 alpha-2 region (libphonenumber-js) for phone numbers written without +country code; default US"),
  widgetAllowedOrigins: z
    .array(z.string())
    .describe("Sites that may embed the web-chat widget (frame /widget, open its socket), e.g. https://shop.example.com or https://*.example.com; empty = any site (default)"),
  spamDetectionMode: z
    .enum(SPAM_DETECTION_MODES)
    .describe("spam detection: `off` (messages are not scored), `scores` (default: every incoming message gets spamScore and spamReasons, nothing moves), `suspect` (also: a chat whose message scores at or above spamSuspectThreshold moves to the Suspected list)"),
  spamSuspectThreshold: z.number().describe("0.5–0.99, default 0.9: the score at or above which mode `suspect` holds a chat in Suspected"),
});

export const tenantSettingsOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/settings",
    tag: "Settings",
    summary: "The tenant's general settings (admins and API keys).",
    actsAsAgent: true,
    responses: { 200: { description: "Settings", schema: settings } },
  },
  {
    method: "patch",
    path: "/api/v1/settings",
    tag: "Settings",
    summary:
      "Change general settings (admins and API keys); fields left out stay. `defaultPhoneRegion` is how numbers without +country code are read from then on — by ingest (sender identifiers), bans on phone channels and spam-string extraction; a code in any case (gb, GB), 400 for an unknown one. What is stored already keeps its form. `widgetAllowedOrigins` replaces the list of sites that may embed the widget (at most 20 origins, scheme://host[:port], `*.` for subdomains; [] = any site). `spamDetectionMode` and `spamSuspectThreshold` apply to the next incoming message. Recorded in the audit log.",
    body: generalSettingsPatchSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The settings after the change", schema: settings } },
  },
];
