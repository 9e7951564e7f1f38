import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { AccessDenied } from "@/components/ui/access-denied";

// Campaigns are for admins; the lib refuses everyone else anyway (policy "campaigns.manage").
export default async function CampaignsLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  if (!can(agent, "campaigns.manage", { tenantId: agent.tenantId })) {
    return (
      <AccessDenied title="Only admins manage campaigns">
        Campaigns message many contacts at once, so only your workspace admins can create or send them. Ask an admin if
        you need one.
      </AccessDenied>
    );
  }
  // The query client comes from the app layout (app/(app)/layout.tsx), shared with the inbox.
  // data-live-scroll: the pages' live updates hold their rows still once the reader scrolled past the top.
  return (
    <div className="h-full overflow-y-auto" data-live-scroll>
      {children}
    </div>
  );
}
