import type { Metadata } from "next";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { AccessDenied } from "@/components/ui/access-denied";
import { RouteTabNav } from "@/components/ui/tab-nav";
import { Suspense } from "react";
import { SpamManagerLiveUpdates } from "./live-updates";

// What users post (by kind), then what moderators do about it.
const TABS = [
  { href: "/spam-manager/domains", label: "Domains" },
  { href: "/spam-manager/urls", label: "URLs" },
  { href: "/spam-manager/phones", label: "Phone Numbers" },
  { href: "/spam-manager/emails", label: "Emails" },
  { href: "/spam-manager/lists", label: "Allow/Deny", groupStart: true },
  { href: "/spam-manager/users", label: "Users" },
  { href: "/spam-manager/actions", label: "Actions" },
  { href: "/spam-manager/rules", label: "Rules" },
  { href: "/spam-manager/log", label: "Actions Log" },
];

export const metadata: Metadata = { title: { template: "%s · Spam Manager", default: "Spam Manager" } };

// Supervisors and admins; every lib function refuses everyone else anyway (policy "spamManager.moderate").
export default async function SpamManagerLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  if (!can(agent, "spamManager.moderate", { tenantId: agent.tenantId })) {
    return (
      <AccessDenied title="Only supervisors and admins use the Spam Manager">
        It shows the links, phone numbers and emails users post, and lets moderators allow, deny and act on them. To
        report a spammer, mark them as spam from their conversation.
      </AccessDenied>
    );
  }
  return (
    <div className="flex h-full flex-col overflow-y-auto bg-slate-50" data-live-scroll>
      <header className="border-b border-slate-200 bg-white px-4 pt-4 md:px-8">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold">Spam Manager</h1>
            <p className="hidden text-sm text-slate-600 sm:block">
              What users post, who posts it, and what happens to it.
            </p>
          </div>
          {/* The tables follow new posts and moderators' actions (./live-updates.tsx). */}
          <Suspense fallback={null}>
            <SpamManagerLiveUpdates />
          </Suspense>
        </div>
        <RouteTabNav label="Spam Manager" tabs={TABS} />
      </header>
      <main className="flex-1 px-4 py-5 md:px-8" data-live-region>
        {children}
      </main>
    </div>
  );
}
