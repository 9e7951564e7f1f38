"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef } from "react";
import { useCurrentTabInView } from "@/components/use-current-tab-in-view";

export const SPAM_MANAGER_TABS = [
  { href: "/spam-manager/domains", label: "Domains" },
  { href: "/spam-manager/urls", label: "URLs" },
  { href: "/spam-manager/phones", label: "Phone Numbers" },
  { href: "/spam-manager/emails", label: "Emails" },
  { href: "/spam-manager/lists", label: "Allow/Deny" },
  { href: "/spam-manager/users", label: "Users" },
  { href: "/spam-manager/actions", label: "Actions" },
  { href: "/spam-manager/rules", label: "Rules" },
  { href: "/spam-manager/log", label: "Actions Log" },
] as const;

export function SpamManagerTabs() {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  useCurrentTabInView(nav, pathname);
  return (
    <nav
      ref={nav}
      aria-label="Spam Manager"
      className="-mb-px mt-3 flex gap-4 overflow-x-auto text-sm [scrollbar-width:none]"
    >
      {SPAM_MANAGER_TABS.map((tab, index) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname.startsWith(tab.href) ? "page" : undefined}
          className={`whitespace-nowrap border-b-2 border-transparent px-1 pb-2 text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 ${index === 4 ? "sm:ml-3" : ""}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
