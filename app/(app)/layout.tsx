import { requireAgentOrRedirect } from "@/lib/auth/session";
import { AppNav, type NavItem } from "@/components/app-nav";
import { Toaster } from "@/components/toaster";
import { isAdmin, isSupervisorOrAdmin } from "@/lib/policy";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  const supervisor = isSupervisorOrAdmin(agent);
  const admin = isAdmin(agent);
  const items: NavItem[] = [
    { href: "/inbox", label: "Inbox", icon: "inbox" },
    { href: "/sessions", label: "Sessions", icon: "list" },
    ...(supervisor
      ? ([
          { href: "/spam-manager", label: "Spam Manager", icon: "shield" },
          { href: "/live-chat-blacklist", label: "Live chat blocks", icon: "clock" },
        ] as const)
      : []),
    ...(admin
      ? ([
          { href: "/campaigns", label: "Campaigns", icon: "megaphone" },
          { href: "/settings/agents", label: "Settings", icon: "settings", section: "/settings" },
        ] as const)
      : []),
  ];
  return (
    <div className="flex h-dvh flex-col md:flex-row">
      <AppNav items={items} agent={{ name: agent.name, email: agent.email, role: agent.role }} />
      <div className="min-h-0 min-w-0 flex-1">{children}</div>
      <Toaster />
    </div>
  );
}
