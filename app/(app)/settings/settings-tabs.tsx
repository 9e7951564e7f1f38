"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef } from "react";
import { useCurrentTabInView } from "@/components/use-current-tab-in-view";

const TABS = [
  { href: "/settings/general", label: "General" },
  { href: "/settings/agents", label: "Agents" },
  { href: "/settings/labels", label: "Labels" },
  { href: "/settings/live-chat", label: "Live chat" },
  { href: "/settings/blacklist", label: "Blacklist" },
  { href: "/settings/spam", label: "Spam lists" },
  { href: "/settings/spam-detection", label: "Spam detection" },
  { href: "/settings/api-keys", label: "API keys" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  useCurrentTabInView(nav, pathname);
  return (
    <nav ref={nav} aria-label="Settings" className="-mb-px mt-3 flex gap-4 overflow-x-auto text-sm">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href || pathname.startsWith(`${tab.href}/`) ? "page" : undefined}
          className="whitespace-nowrap border-b-2 border-transparent px-1 pb-2 text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
