// Settings → Spam detection: the tenant's mode and threshold (changed through the general settings,
// lib/tenant-settings/general-settings.ts, as PATCH /api/v1/settings does), with how the tenant's model
// did on the tenant's own labelled messages at each threshold the admin may pick.
import "server-only";
import { authorize } from "@/lib/policy";
import { measureOnTenantLabels, type LabelledPerformance } from "@/lib/classifier";
import { SPAM_THRESHOLD_CHOICES, type SpamDetectionSettings } from "./settings-schema";
import type { ReadContext } from "@/lib/use-case";

export interface SpamDetectionOverview extends SpamDetectionSettings {
  /** Precision and recall at each choice of threshold, on the team's own verdicts (marks, un-marks, dismissals). */
  measured: LabelledPerformance;
}

export async function getSpamDetectionOverview({ db, actor }: ReadContext): Promise<SpamDetectionOverview> {
  authorize(actor, "tenant.settings", { tenantId: actor.tenantId });
  const [settings, measured] = await Promise.all([
    db.tenant.findUniqueOrThrow({
      where: { id: actor.tenantId },
      select: { spamDetectionMode: true, spamSuspectThreshold: true },
    }),
    measureOnTenantLabels({ db, tenantId: actor.tenantId, thresholds: [...SPAM_THRESHOLD_CHOICES] }),
  ]);
  return { ...settings, measured };
}
