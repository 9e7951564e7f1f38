// The tenant's general settings in API answers (GET and PATCH /api/v1/settings).
import { z } from "zod";
import { SPAM_DETECTION_MODES } from "@/lib/spam-detection/settings-schema";

export const generalSettingsViewSchema = z.object({
  defaultPhoneRegion: z
    .string()
    .describe(
      "ISO 3166-1 alpha-2 region (libphonenumber-js) for phone numbers written without +country code; default US",
    ),
  widgetAllowedOrigins: z
    .array(z.string())
    .describe(
      "Sites that may embed the web-chat widget (frame /widget, open its socket), e.g. https://shop.example.com " +
        "or https://*.example.com; empty = any site (default)",
    ),
  spamDetectionMode: z
    .enum(SPAM_DETECTION_MODES)
    .describe(
      "spam detection: `off` (messages are not scored), `scores` (default: every incoming message gets spamScore " +
        "and spamReasons, nothing moves), `suspect` (also: a chat whose message scores at or above " +
        "spamSuspectThreshold moves to the Suspected list)",
    ),
  spamSuspectThreshold: z
    .number()
    .describe("0.5–0.99, default 0.9: the score at or above which mode `suspect` holds a chat in Suspected"),
});
