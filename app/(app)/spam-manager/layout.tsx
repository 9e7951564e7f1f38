import type { Metadata } from "next";
import Link from "next/link";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { Icon } from "@/components/icons";
import { SpamManagerTabs } from "./spam-manager-tabs";

export const metadata: Metadata = { title: { template: "%s · Spam Manager", default: "Spam Manager" } };

// Supervisors and admins; every lib function refuses everyone else anyway (policy "spamManager.moderate").
export default async function SpamManagerLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  if (!can(agent, "spamManager.moderate", { tenantId: agent.tenantId })) {
    return (
      <main className="flex h-full items-center justify-center p-6">
        <div className="max-w-sm text-center">
          <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-slate-200 text-slate-600">
            <Icon name="lock" className="h-6 w-6" />
          </span>
          <h1 className="mt-4 text-lg font-semibold">Only supervisors and admins use the Spam Manager</h1>
          <p className="mt-2 text-sm text-slate-600">
            It shows the links, phone numbers and emails users post, and lets moderators allow, deny and act on them. To
            report a spammer, mark them as spam from their conversation.
          </p>
          <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline">
            Back to the inbox
          </Link>
        </div>
      </main>
    );
  }
  return (
    <div className="flex h-full flex-col overflow-y-auto bg-slate-50">
      <header className="border-b border-slate-200 bg-white px-4 pt-4 md:px-8">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold">Spam Manager</h1>
            <p className="hidden text-sm text-slate-600 sm:block">
              What users post, who posts it, and what happens to it.
            </p>
          </div>
        </div>
        <SpamManagerTabs />
      </header>
      <main className="flex-1 px-4 py-5 md:px-8">{children}</main>
    </div>
  );
}
