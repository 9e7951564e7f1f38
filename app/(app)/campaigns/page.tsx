import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { mayRenderPage } from "@/lib/http/page-access";
import { listCampaigns } from "@/lib/campaigns/manage-campaigns";
import { countAudiences } from "@/lib/campaigns/audience";
import type { CampaignView } from "@/lib/campaigns/campaign-records";
import { Icon } from "@/components/icons";
import { KindLabel, plural, StatusBadge } from "./campaign-ui";
import { LocalTime } from "./local-time";
import { DataTable } from "@/components/ui/data-table";
import { CampaignsLiveUpdates } from "./live-updates";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireAgentOrRedirect();
  // The layout tells everyone else that campaigns are for admins.
  if (!mayRenderPage(actor, "campaigns.manage", { tenantId: actor.tenantId }, "/campaigns")) return null;
  const { cursor } = await searchParams;
  const db = await getDb();
  const page = await listCampaigns.fromUntrusted({ db, actor, input: cursor ? { cursor } : {} });
  // Drafts have no recipients yet: show how many their conditions match now.
  const matching = await countAudiences(
    db,
    actor.tenantId,
    page.items.filter((c) => c.status === "draft"),
  );

  return (
    <>
      <header className="border-b border-slate-200 bg-white px-4 py-4 md:px-8">
        <div className="flex max-w-5xl items-center justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold">Campaigns</h1>
            <p className="hidden text-sm text-slate-600 sm:block">
              Message the contacts who match your conditions, once or as they start matching.
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-3">
            {/* The table follows campaigns created, their statuses and recipients (./live-updates.tsx). */}
            <Suspense fallback={null}>
              <CampaignsLiveUpdates />
            </Suspense>
            {page.items.length > 0 && <NewCampaignLink />}
          </div>
        </div>
      </header>
      <main className="px-4 py-6 md:px-8" data-live-region>
        <div className="max-w-5xl">
          {page.items.length === 0 && !cursor ? (
            <EmptyState />
          ) : (
            <>
              <CampaignTable campaigns={page.items} matching={matching} />
              {(page.nextCursor || cursor) && (
                <nav aria-label="More campaigns" className="mt-4 flex justify-between text-sm">
                  {cursor ? (
                    <Link href="/campaigns" className="font-medium text-brand-600 hover:underline">
                      Newest campaigns
                    </Link>
                  ) : (
                    <span />
                  )}
                  {page.nextCursor && (
                    <Link
                      href={`/campaigns?cursor=${encodeURIComponent(page.nextCursor)}`}
                      className="font-medium text-brand-600 hover:underline"
                    >
                      Older campaigns
                    </Link>
                  )}
                </nav>
              )}
            </>
          )}
        </div>
      </main>
    </>
  );
}

function NewCampaignLink() {
  return (
    <Link
      href="/campaigns/new"
      className={[
        "inline-flex shrink-0 items-center gap-1.5 rounded-md bg-brand-600 px-3 py-2",
        "text-sm font-medium text-white shadow-sm hover:bg-brand-700",
      ].join(" ")}
    >
      <Icon name="plus" className="h-4 w-4" />
      New campaign
    </Link>
  );
}

function EmptyState() {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <span className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <Icon name="megaphone" className="h-7 w-7" />
      </span>
      <h2 className="mt-4 text-base font-semibold">No campaigns yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        Pick an audience by channel, sign-in status or traits like <span className="font-medium">plan is pro</span>, see
        how many contacts match, and send them a message.
      </p>
      <dl className="mx-auto mt-6 grid max-w-lg gap-3 text-left text-sm sm:grid-cols-2">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="flex items-center gap-1.5 font-medium text-slate-900">
            <Icon name="send" className="h-4 w-4 text-brand-600" /> One-time
          </dt>
          <dd className="mt-1 text-slate-600">Sent once, now, to everyone who matches.</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="flex items-center gap-1.5 font-medium text-slate-900">
            <Icon name="clock" className="h-4 w-4 text-brand-600" /> Ongoing
          </dt>
          <dd className="mt-1 text-slate-600">
            Sent automatically to each contact when they start matching — once per contact.
          </dd>
        </div>
      </dl>
      <div className="mt-6">
        <NewCampaignLink />
      </div>
    </div>
  );
}

function reach(campaign: CampaignView, matching: Map<string, number>): { text: string; hint: string } {
  if (campaign.status === "draft") {
    const count = matching.get(campaign.id) ?? 0;
    return { text: `${plural(count, "contact")} match`, hint: "not sent yet" };
  }
  if (campaign.kind === "ongoing") return { text: plural(campaign.recipientCount, "recipient"), hint: "so far" };
  return { text: plural(campaign.recipientCount, "recipient"), hint: "" };
}

function CampaignTable({ campaigns, matching }: { campaigns: CampaignView[]; matching: Map<string, number> }) {
  return (
    <DataTable
      label="Campaigns"
      columns={[
        { header: "Campaign" },
        { header: "Status" },
        { header: "Audience" },
        { header: "Created" },
        { header: "Sent" },
      ]}
      rowCount={campaigns.length}
      empty={null}
    >
      {campaigns.map((campaign) => {
        const { text, hint } = reach(campaign, matching);
        return (
          <tr key={campaign.id} className="hover:bg-slate-50" data-testid={`campaign-row-${campaign.name}`}>
            <td className="px-4 py-3">
              <RowLink
                href={`/campaigns/${campaign.id}`}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
              >
                {campaign.name}
              </RowLink>
              <div className="mt-0.5">
                <KindLabel kind={campaign.kind} />
              </div>
            </td>
            <td className="px-4 py-3">
              <StatusBadge status={campaign.status} />
            </td>
            <td className="px-4 py-3">
              <span className="font-medium tabular-nums text-slate-900">{text}</span>
              {hint && <span className="block text-xs text-slate-500">{hint}</span>}
            </td>
            <td className="px-4 py-3 text-slate-600">
              <LocalTime iso={campaign.createdAt} compact />
            </td>
            <td className="px-4 py-3 text-slate-600">
              {campaign.sentAt ? <LocalTime iso={campaign.sentAt} compact /> : <span aria-label="not sent">—</span>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
