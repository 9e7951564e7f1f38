import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { mayRenderPage } from "@/lib/http/page-access";
import { listTraitKeys } from "@/lib/campaigns/manage-campaigns";
import { Icon } from "@/components/icons";
import { CampaignEditor } from "../campaign-editor";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await requireAgentOrRedirect();
  if (!mayRenderPage(actor, "campaigns.manage", { tenantId: actor.tenantId }, "/campaigns/new")) return null;
  const traitKeys = await listTraitKeys({ db: await getDb(), actor });
  return (
    <>
      <header className="border-b border-slate-200 bg-white px-4 py-4 md:px-8">
        <Link href="/campaigns" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
          <Icon name="back" className="h-4 w-4" /> Campaigns
        </Link>
        <h1 className="mt-1 text-xl font-semibold">New campaign</h1>
      </header>
      <main className="px-4 py-6 md:px-8">
        <div className="max-w-5xl">
          <CampaignEditor traitKeys={traitKeys} />
        </div>
      </main>
    </>
  );
}
