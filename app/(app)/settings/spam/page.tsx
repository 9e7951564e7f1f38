import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { getSpamSettings } from "@/lib/spam-manager/settings";
import { listUsage } from "@/lib/spam-manager/spam-lists";
import { SpamSettingsForm } from "./spam-settings-form";

export const metadata: Metadata = { title: "Spam lists" };

export default async function SpamSettingsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const db = await getDb();
  const [settings, usage] = await Promise.all([getSpamSettings({ db, actor }), listUsage({ db, actor })]);
  return (
    <section aria-labelledby="spam-settings-heading" className="max-w-3xl">
      <h2 id="spam-settings-heading" className="text-lg font-semibold">
        Spam lists
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        How many strings the{" "}
        <Link href="/spam-manager/lists" className="font-medium text-brand-600 hover:underline">
          Spam Manager’s Allow and Deny lists
        </Link>{" "}
        may hold, and how long posted strings are kept.
      </p>
      <SpamSettingsForm initial={settings} usage={{ allow: usage.allow.size, deny: usage.deny.size }} />
    </section>
  );
}
