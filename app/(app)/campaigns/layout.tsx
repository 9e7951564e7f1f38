import Link from "next/link";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { Icon } from "@/components/icons";

// Campaigns are for admins; the lib refuses everyone else anyway (policy "campaigns.manage").
export default async function CampaignsLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  if (!can(agent, "campaigns.manage", { tenantId: agent.tenantId })) {
    return (
      <main className="flex h-full items-center justify-center p-6">
        <div className="max-w-sm text-center">
          <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-slate-200 text-slate-600">
            <Icon name="lock" className="h-6 w-6" />
          </span>
          <h1 className="mt-4 text-lg font-semibold">Only admins manage campaigns</h1>
          <p className="mt-2 text-sm text-slate-600">
            Campaigns message many contacts at once, so only your workspace admins can create or send them. Ask an admin
            if you need one.
          </p>
          <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline">
            Back to the inbox
          </Link>
        </div>
      </main>
    );
  }
  // The query client comes from the app layout (app/(app)/layout.tsx), shared with the inbox.
  return <div className="h-full overflow-y-auto">{children}</div>;
}
