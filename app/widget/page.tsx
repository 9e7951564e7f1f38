// The web-chat widget (public, no agent session): /widget?tenant=<id>[&user=<externalId>&signature=<hmac
// hex>][&embed=1].
// public/widget.js puts it in an iframe on the host's site; it also works as a page of its own.
import type { Metadata, Viewport } from "next";
import { admissionCache } from "@/lib/admission/admission-cache";
import { WidgetApp } from "./widget-app";

export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

type Search = { tenant?: string; user?: string; signature?: string; name?: string; embed?: string };

// From this instance's memory, as the request guard read the page's frame-ancestors: a load of the widget asks the
// database nothing about its tenant (a renamed tenant is heard of as every tenant change, lib/admission).
async function tenantName(tenantId: string | undefined): Promise<string | null> {
  if (!tenantId || tenantId.length > 64) return null;
  return (await (await admissionCache()).widgetTenant(tenantId))?.name ?? null;
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }): Promise<Metadata> {
  const name = await tenantName((await searchParams).tenant);
  return { title: { absolute: name ? `Chat with ${name}` : "Chat" }, robots: { index: false, follow: false } };
}

export default async function WidgetPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { tenant, user, signature, name, embed } = await searchParams;
  const displayName = await tenantName(tenant);
  if (!tenant || !displayName) {
    return (
      <main className="flex h-dvh items-center justify-center bg-white p-6 text-center">
        <div>
          <p className="font-medium text-slate-900">This chat is not available</p>
          <p className="mt-1 text-sm text-slate-500">The link is incomplete or the helpdesk no longer exists.</p>
        </div>
      </main>
    );
  }
  return (
    <WidgetApp
      tenantId={tenant}
      tenantName={displayName}
      user={user ?? null}
      signature={signature ?? null}
      userName={name ?? null}
      embedded={embed === "1"}
    />
  );
}
