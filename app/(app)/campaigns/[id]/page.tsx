import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { mayRenderPage } from "@/lib/http/page-access";
import { AppError } from "@/lib/errors";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { countAudience, deliveryChannelOf, describeCondition } from "@/lib/campaigns/audience";
import { getCampaign, listCampaignRecipients, listTraitKeys } from "@/lib/campaigns/manage-campaigns";
import type { CampaignView } from "@/lib/campaigns/campaign-records";
import { Icon } from "@/components/icons";
import { CampaignEditor } from "../campaign-editor";
import { OngoingToggle } from "../campaign-controls";
import { CHANNEL_ICONS, formatCount, KindLabel, StatusBadge } from "../campaign-ui";
import { LocalTime } from "../local-time";
import { CampaignLiveUpdates } from "../live-updates";

export const metadata: Metadata = { title: "Campaign" };

async function load(campaignId: string) {
  const actor = await requireAgentOrRedirect();
  if (!mayRenderPage(actor, "campaigns.manage", { tenantId: actor.tenantId }, "/campaigns/[id]")) return null;
  const db = await getDb();
  try {
    return { actor, db, campaign: await getCampaign({ db, actor, campaignId }) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const loaded = await load(id);
  if (!loaded) return null;
  const { actor, db, campaign } = loaded;

  if (campaign.status === "draft") {
    const traitKeys = await listTraitKeys({ db, actor });
    return (
      <>
        <PageHeader
          campaign={campaign}
          title="Edit draft"
          action={
            // Sent, activated or deleted by another admin meanwhile: the page becomes what it is now (a refresh
            // keeps what this admin has typed in the editor while it is still a draft).
            <Suspense fallback={null}>
              <CampaignLiveUpdates campaignId={campaign.id} />
            </Suspense>
          }
        />
        <main className="px-4 py-6 md:px-8">
          <div className="max-w-5xl">
            <CampaignEditor
              campaign={{
                id: campaign.id,
                name: campaign.name,
                kind: campaign.kind,
                audience: campaign.audience,
                message: campaign.message,
              }}
              traitKeys={traitKeys}
            />
          </div>
        </main>
      </>
    );
  }

  const [matchingNow, recipients] = await Promise.all([
    countAudience(db, actor.tenantId, campaign.audience),
    listCampaignRecipients({ db, actor, campaignId: campaign.id, limit: 20 }),
  ]);
  const channel = deliveryChannelOf(campaign.audience);
  return (
    <>
      <PageHeader
        campaign={campaign}
        title={campaign.name}
        action={
          <div className="flex items-center gap-3">
            {/* Its status and recipients follow the send (../live-updates.tsx). */}
            <Suspense fallback={null}>
              <CampaignLiveUpdates campaignId={campaign.id} />
            </Suspense>
            {campaign.kind === "ongoing" && (
              <OngoingToggle campaignId={campaign.id} active={campaign.status === "active"} />
            )}
          </div>
        }
      />
      <main className="px-4 py-6 md:px-8" data-live-region>
        <div className="max-w-5xl space-y-6">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label={campaign.kind === "ongoing" ? "Recipients so far" : "Recipients"} testId="recipient-count">
              {formatCount(campaign.recipientCount)}
            </Stat>
            <Stat label="Matching now">{formatCount(matchingNow)}</Stat>
            <Stat label={campaign.kind === "ongoing" ? "Started" : "Sent"} small>
              {campaign.sentAt ? <LocalTime iso={campaign.sentAt} /> : "—"}
            </Stat>
            <Stat label="Created" small>
              <LocalTime iso={campaign.createdAt} />
            </Stat>
          </dl>

          {campaign.kind === "ongoing" && (
            <p className="flex items-start gap-2 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-700">
              <Icon name="clock" className="mt-0.5 h-4 w-4 shrink-0" />
              {campaign.status === "active"
                ? "Active: each contact who starts matching the audience gets this message automatically, once."
                : "Paused: contacts who start matching now do not get it. Activate to resume; nobody gets it twice."}
            </p>
          )}

          <div className="grid gap-6 md:grid-cols-2">
            <section
              aria-labelledby="audience-heading"
              className="rounded-lg border border-slate-200 bg-white p-4 md:p-5"
            >
              <h2 id="audience-heading" className="text-sm font-semibold">
                Audience
              </h2>
              {campaign.audience.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">Everyone.</p>
              ) : (
                <ul className="mt-2 space-y-1.5 text-sm">
                  {campaign.audience.map((condition, index) => (
                    <li key={index} className="flex items-center gap-2">
                      <span className="w-8 shrink-0 text-[11px] font-semibold uppercase tracking-wide text-slate-400">
                        {index === 0 ? "" : "and"}
                      </span>
                      <span className="rounded-md bg-slate-100 px-2 py-1 text-slate-800">
                        {describeCondition(condition)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-3 flex items-center gap-1.5 border-t border-slate-100 pt-3 text-xs text-slate-500">
                {channel ? (
                  <>
                    <Icon name={CHANNEL_ICONS[channel]} className="h-4 w-4" /> Delivered on{" "}
                    {CHANNEL_INFO[channel].label}
                  </>
                ) : (
                  "Delivered on each contact’s most recent channel"
                )}
              </p>
            </section>
            <section
              aria-labelledby="message-heading"
              className="rounded-lg border border-slate-200 bg-white p-4 md:p-5"
            >
              <h2 id="message-heading" className="text-sm font-semibold">
                Message
              </h2>
              <p
                className={[
                  "mt-2 whitespace-pre-wrap break-words rounded-lg rounded-tl-none",
                  "bg-brand-600 px-3 py-2 text-sm text-white",
                ].join(" ")}
              >
                {campaign.message}
              </p>
            </section>
          </div>

          <section aria-labelledby="recipients-heading" className="rounded-lg border border-slate-200 bg-white">
            <h2 id="recipients-heading" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold md:px-5">
              Latest recipients
            </h2>
            {recipients.length === 0 ? (
              <p className="px-4 py-6 text-sm text-slate-500 md:px-5">
                {campaign.kind === "ongoing"
                  ? "No one yet: contacts appear here as they start matching."
                  : "No contact matched when it was sent."}
              </p>
            ) : (
              <ul className="divide-y divide-slate-100" data-live-rows data-testid="campaign-recipients">
                {recipients.map((recipient) => (
                  <li key={recipient.id} className="flex items-center gap-3 px-4 py-2.5 text-sm md:px-5">
                    <Icon
                      name={CHANNEL_ICONS[recipient.channel]}
                      className="h-4 w-4 shrink-0 text-slate-500"
                      title={CHANNEL_INFO[recipient.channel].label}
                    />
                    <span className="min-w-0 flex-1 truncate">{recipient.contact.name}</span>
                    <span className="shrink-0 text-xs text-slate-500">
                      <LocalTime iso={recipient.createdAt} compact />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </main>
    </>
  );
}

function PageHeader({
  campaign,
  title,
  action = null,
}: {
  campaign: CampaignView;
  title: string;
  action?: React.ReactNode;
}) {
  return (
    <header className="border-b border-slate-200 bg-white px-4 py-4 md:px-8">
      <div className="flex max-w-5xl flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <Link
            href="/campaigns"
            className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
          >
            <Icon name="back" className="h-4 w-4" /> Campaigns
          </Link>
          <h1 className="mt-1 break-words text-xl font-semibold">{title}</h1>
          <div className="mt-1 flex items-center gap-3">
            <StatusBadge status={campaign.status} />
            <KindLabel kind={campaign.kind} />
          </div>
        </div>
        {action}
      </div>
    </header>
  );
}

function Stat({
  label,
  children,
  testId,
  small = false,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd
        className={`mt-1 tabular-nums text-slate-900 ${small ? "text-sm font-medium" : "text-lg font-semibold"}`}
        data-testid={testId}
      >
        {children}
      </dd>
    </div>
  );
}
