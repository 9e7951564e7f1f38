import Link from "next/link";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { RouteTabNav } from "@/components/ui/tab-nav";

const TABS = [
  { href: "/settings/general", label: "General" },
  { href: "/settings/agents", label: "Agents" },
  { href: "/settings/labels", label: "Labels" },
  { href: "/settings/live-chat", label: "Live chat" },
  { href: "/settings/blacklist", label: "Blacklist" },
  { href: "/settings/spam", label: "Spam lists" },
  { href: "/settings/spam-detection", label: "Spam detection" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/audit-log", label: "Audit log" },
];

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgentOrRedirect();
  if (!can(agent, "settings.view", { tenantId: agent.tenantId })) {
    return (
      <main className="p-8">
        <h1 className="text-xl font-semibold">Settings</h1>
        <p className="mt-2 text-slate-600">Only admins can change settings.</p>
        <Link href="/inbox" className="mt-4 inline-block text-brand-600 hover:underline">
          Back to the inbox
        </Link>
      </main>
    );
  }
  return (
    // A live list's table and what scrolls it (components/live-list.tsx: the Blacklist's rows hold still while
    // the table is scrolled up or in use).
    <div className="flex h-full flex-col overflow-y-auto" data-live-scroll>
      <header className="border-b border-slate-200 bg-white px-4 pt-4 md:px-8">
        <h1 className="text-xl font-semibold">Settings</h1>
        <RouteTabNav label="Settings" tabs={TABS} />
      </header>
      <main className="flex-1 px-4 py-6 md:px-8" data-live-region>
        {children}
      </main>
    </div>
  );
}
