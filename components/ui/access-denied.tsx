// A section the agent's role may not use: what it is for, who may, and the way back to the inbox.
import Link from "next/link";
import type { ReactNode } from "react";
import { Icon } from "@/components/icons";

export function AccessDenied({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex h-full items-center justify-center p-6">
      <div className="max-w-sm text-center">
        <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-slate-200 text-slate-600">
          <Icon name="lock" className="h-6 w-6" />
        </span>
        <h1 className="mt-4 text-lg font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{children}</p>
        <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline">
          Back to the inbox
        </Link>
      </div>
    </main>
  );
}
