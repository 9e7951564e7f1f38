import { requireAgentOrRedirect } from "@/lib/auth/session";
import { AppNav, type NavItem } from "@/components/app-nav";
import { isAdmin } from "@/lib/policy";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  const items: NavItem[] = [
    { href: "/inbox", label: "Inbox", icon: "inbox" },
    ...(isAdmin(agent) ? [{ href: "/settings/agents", label: "Settings", icon: "settings", section: "/settings" } as const] : []),
  ];
  return (
    <div className="flex h-dvh flex-col md:flex-row">
      <AppNav items={items} agent={{ name: agent.name, email: agent.email, role: agent.role }} />
      <div className="min-h-0 min-w-0 flex-1">{children}</div>
    </div>
  );
}
