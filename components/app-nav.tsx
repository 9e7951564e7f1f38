"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { Icon, type IconName } from "./icons";
import { Logo } from "./ui/logo";

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** The path prefix that marks this item current; defaults to href. */
  section?: string;
}

/** The app's main navigation: a slim rail on desktop, a bottom bar on phones. */
export function AppNav({ items, agent }: { items: NavItem[]; agent: { name: string; email: string; role: string } }) {
  const pathname = usePathname();
  const active = ({ href, section = href }: NavItem) => pathname === section || pathname.startsWith(`${section}/`);
  return (
    <nav
      aria-label="Main"
      className="order-last flex shrink-0 items-center justify-around overflow-x-auto border-t border-slate-200 bg-slate-900 px-1 py-1 text-slate-300 md:order-first md:w-16 md:flex-col md:justify-start md:gap-2 md:overflow-visible md:border-t-0 md:py-4"
    >
      <Link href="/inbox" className="hidden md:mb-4 md:block" aria-label="Bouncer home">
        <Logo className="h-9 w-9" />
      </Link>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          title={item.label}
          aria-current={active(item) ? "page" : undefined}
          className="flex shrink-0 flex-col items-center rounded-lg p-2.5 hover:bg-slate-800 hover:text-white aria-[current=page]:bg-slate-800 aria-[current=page]:text-white md:w-12 md:px-0 md:py-2"
        >
          <Icon name={item.icon} />
          <span className="sr-only">{item.label}</span>
        </Link>
      ))}
      <div className="flex shrink-0 items-center gap-1 md:mt-auto md:flex-col md:gap-2">
        <Link
          href="/account"
          title={`Your account: ${agent.name} (${agent.email}, ${agent.role.toLowerCase()})`}
          aria-current={pathname === "/account" ? "page" : undefined}
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white ring-offset-2 ring-offset-slate-900 hover:ring-2 hover:ring-slate-500 aria-[current=page]:ring-2 aria-[current=page]:ring-white"
        >
          <span aria-hidden="true">{agent.name.slice(0, 1).toUpperCase()}</span>
          <span className="sr-only">Your account</span>
        </Link>
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: "/login" })}
          title="Sign out"
          className="flex shrink-0 flex-col items-center rounded-lg p-2.5 hover:bg-slate-800 hover:text-white md:w-12 md:px-0 md:py-2"
        >
          <Icon name="logout" />
          <span className="sr-only">Sign out</span>
        </button>
      </div>
    </nav>
  );
}
