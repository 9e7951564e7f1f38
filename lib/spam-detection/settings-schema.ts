// The tenant's spam-detection setting (Settings → Spam detection, PATCH /api/v1/settings): what is done
// with the classifier's scores, and the threshold for Suspected. Client-safe.
import { z } from "zod";

/** The Tenant columns of this setting (ingest reads them with the tenant's other settings). */
export const SPAM_DETECTION_SETTINGS = { spamDetectionMode: true, spamSuspectThreshold: true } as const;

export const SPAM_DETECTION_MODES = ["off", "scores", "suspect"] as const;
export type SpamDetectionModeName = (typeof SPAM_DETECTION_MODES)[number];

export const SPAM_DETECTION_MODE_LABELS: Record<SpamDetectionModeName, { label: string; description: string }> = {
  off: { label: "Off", description: "Messages are not scored." },
  scores: {
    label: "Show scores only",
    description: "Every incoming message is scored; the score and its reasons are shown. Nothing moves.",
  },
  suspect: {
    label: "Move likely spam to Suspected",
    description:
      "A chat whose message scores at or above the threshold waits in Suspected until an agent confirms or " +
      "dismisses it.",
  },
};

/** Thresholds the settings page measures (the admin picks one of them). */
export const SPAM_THRESHOLD_CHOICES = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99] as const;

export const spamDetectionSettingsSchema = z.object({
  spamDetectionMode: z.enum(SPAM_DETECTION_MODES, { error: () => `must be one of ${SPAM_DETECTION_MODES.join(", ")}` }),
  spamSuspectThreshold: z.coerce
    .number("must be a number between 0.5 and 0.99")
    .min(0.5, "must be at least 0.5")
    .max(0.99, "must be at most 0.99"),
});

export type SpamDetectionSettings = z.output<typeof spamDetectionSettingsSchema>;
