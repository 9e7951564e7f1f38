import { requireAgentOrRedirect } from "@/lib/auth/session";
import { AppNav, type NavItem } from "@/components/app-nav";
import { Toaster } from "@/components/toaster";
import { QueryProvider } from "@/components/query-provider";
import { can } from "@/lib/policy";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  const tenant = { tenantId: agent.tenantId };
  const items: NavItem[] = [
    { href: "/inbox", label: "Inbox", icon: "inbox" },
    { href: "/sessions", label: "Sessions", icon: "list" },
    ...(can(agent, "spamManager.moderate", tenant)
      ? ([{ href: "/spam-manager", label: "Spam Manager", shortLabel: "Spam", icon: "shield" }] as const)
      : []),
    ...(can(agent, "liveChatBlocks.view", tenant)
      ? ([{ href: "/live-chat-blacklist", label: "Live chat blocks", shortLabel: "Blocks", icon: "clock" }] as const)
      : []),
    ...(can(agent, "campaigns.manage", tenant)
      ? ([{ href: "/campaigns", label: "Campaigns", icon: "megaphone" }] as const)
      : []),
    ...(can(agent, "settings.view", tenant)
      ? ([{ href: "/settings/agents", label: "Settings", icon: "settings", section: "/settings" }] as const)
      : []),
  ];
  return (
    <div className="flex h-dvh flex-col md:flex-row">
      {/* Keyboard users start at the page, not at the seven navigation links. */}
      <a
        href="#content"
        className={[
          "sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2",
          "focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2",
          "focus:text-sm focus:font-medium focus:text-slate-900 focus:shadow-lg",
        ].join(" ")}
      >
        Skip to content
      </a>
      <AppNav items={items} agent={{ name: agent.name, email: agent.email, role: agent.role }} />
      <div id="content" tabIndex={-1} className="min-h-0 min-w-0 flex-1 outline-none">
        {/* One query client for every page: the inbox's data layer, the campaign editor's audience size. */}
        <QueryProvider>{children}</QueryProvider>
      </div>
      <Toaster />
    </div>
  );
}
