"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { Icon, type IconName } from "./icons";
import { Logo } from "./ui/logo";

export interface NavItem {
  href: string;
  label: string;
  /** A shorter name for the phone's bottom bar ("Spam" for Spam Manager); defaults to label. */
  shortLabel?: string;
  icon: IconName;
  /** The path prefix that marks this item current; defaults to href. */
  section?: string;
}

// The name under each icon: readable at a glance, so a new agent finds Spam Manager, Sessions and
// Live chat blocks without hovering. Desktop and tablet: a labelled rail (two short lines at most);
// phones: a bottom bar with short names. Plain links in reading order, so Tab walks them and the
// focus ring (globals.css) shows where you are; aria-current names the page you are on.
const ITEM = [
  "flex shrink-0 flex-col items-center justify-center gap-1 rounded-lg px-1 py-1.5",
  "text-center font-medium leading-tight text-slate-300 hover:bg-slate-800 hover:text-white",
  "aria-[current=page]:bg-slate-800 aria-[current=page]:text-white",
].join(" ");

/** The app's main navigation: a labelled rail on desktop and tablets, a labelled bottom bar on phones. */
export function AppNav({ items, agent }: { items: NavItem[]; agent: { name: string; email: string; role: string } }) {
  const pathname = usePathname();
  const active = ({ href, section = href }: NavItem) => pathname === section || pathname.startsWith(`${section}/`);
  return (
    <nav
      aria-label="Main"
      className={[
        "order-last flex shrink-0 items-stretch justify-around overflow-x-auto border-t border-slate-200 bg-slate-900",
        "px-1 py-1 [scrollbar-width:none]",
        "md:order-first md:w-20 md:flex-col md:justify-start md:gap-1 md:overflow-y-auto md:overflow-x-visible",
        "md:border-t-0 md:px-1.5 md:py-3",
      ].join(" ")}
    >
      <Link href="/inbox" className="hidden rounded-lg md:mx-auto md:mb-3 md:block" aria-label="Bouncer home">
        <Logo className="h-9 w-9" />
      </Link>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={active(item) ? "page" : undefined}
          className={`${ITEM} min-w-12 flex-1 text-[10px] md:w-full md:flex-none md:py-2 md:text-[11px]`}
        >
          <Icon name={item.icon} className="h-5 w-5" />
          {item.shortLabel ? (
            <>
              <span className="md:hidden">{item.shortLabel}</span>
              <span className="hidden md:block">{item.label}</span>
            </>
          ) : (
            <span>{item.label}</span>
          )}
        </Link>
      ))}
      <div
        className={[
          "flex min-w-12 flex-1",
          "md:mt-auto md:min-w-0 md:flex-none md:flex-col md:items-center md:gap-1 md:pt-3",
        ].join(" ")}
      >
        <Link
          href="/account"
          aria-label="Your account"
          title={`Your account: ${agent.name} (${agent.email}, ${agent.role.toLowerCase()})`}
          aria-current={pathname === "/account" ? "page" : undefined}
          className={`${ITEM} min-w-12 flex-1 text-[10px] md:w-full md:flex-none md:py-2 md:text-[11px]`}
        >
          <span
            aria-hidden="true"
            className={[
              "flex h-5 w-5 items-center justify-center rounded-full bg-brand-600 text-[11px] font-semibold text-white",
              "md:h-8 md:w-8 md:text-sm",
            ].join(" ")}
          >
            {agent.name.slice(0, 1).toUpperCase()}
          </span>
          Account
        </Link>
        {/* On a phone the bar has no room for both: Sign out is on the account page there. */}
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: "/login" })}
          className={`${ITEM} hidden text-[11px] md:flex md:w-full md:py-2`}
        >
          <Icon name="logout" className="h-5 w-5" />
          Sign out
        </button>
      </div>
    </nav>
  );
}
