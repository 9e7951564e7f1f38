import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { getGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { phoneRegionOptions } from "@/lib/tenant-settings/phone-regions";
import { GeneralSettingsForm } from "./general-settings-form";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const settings = await getGeneralSettings({ db: await getDb(), actor });
  return (
    <section aria-labelledby="general-settings-heading" className="max-w-3xl">
      <h2 id="general-settings-heading" className="text-lg font-semibold">
        General
      </h2>
      <p className="mb-4 text-sm text-slate-600">Settings that apply across the whole workspace.</p>
      <GeneralSettingsForm initial={settings} regions={phoneRegionOptions("en")} />
    </section>
  );
}
