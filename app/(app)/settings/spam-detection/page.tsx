import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { isAdmin } from "@/lib/policy";
import { getSpamDetectionOverview } from "@/lib/spam-detection/settings";
import { SpamDetectionForm } from "./spam-detection-form";

export const metadata: Metadata = { title: "Spam detection" };

export default async function SpamDetectionSettingsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!isAdmin(actor)) return null;
  const overview = await getSpamDetectionOverview({ db: await getDb(), actor });
  return (
    <section aria-labelledby="spam-detection-heading" className="max-w-3xl">
      <h2 id="spam-detection-heading" className="text-lg font-semibold">
        Spam detection
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        Every incoming message is scored 0–100% “likely spam” by a classifier that starts from a public SMS spam corpus
        and learns from your team: marking a user as spam teaches spam, un-marking and dismissing a suspicion teach not
        spam, denying a string and banning a sender teach spam more weakly.
      </p>
      <SpamDetectionForm
        initial={{ spamDetectionMode: overview.spamDetectionMode, spamSuspectThreshold: overview.spamSuspectThreshold }}
        measured={overview.measured}
      />
    </section>
  );
}
