"use client";
// The Campaigns list and a campaign's page follow what happens without a reload (components/live-list.tsx):
// campaigns.changed tells who may manage campaigns how many were created, and which changed status or reached
// recipients (counts, coalesced to one event a second per tenant — a send in batches or an ongoing campaign
// reaching a flood of new contacts refreshes a page at most once a second).
import { LiveList } from "@/components/live-list";
import { campaignListNews, campaignPageNews } from "@/lib/realtime/campaigns-change";
import { plural } from "@/lib/ui/plural";

export function CampaignsLiveUpdates() {
  return (
    <LiveList
      testId="campaigns-live"
      news={{ "campaigns.changed": campaignListNews }}
      // Older campaigns: new ones arrive on the first page.
      placeParams={["cursor"]}
      newsLabel={(count) => (count ? plural(count, "new campaign") : "Updates")}
      liveTitle="Live: campaigns appear, change status and count recipients as it happens"
    />
  );
}

export function CampaignLiveUpdates({ campaignId }: { campaignId: string }) {
  return (
    <LiveList
      testId="campaign-live"
      news={{ "campaigns.changed": campaignPageNews(campaignId) }}
      placeParams={[]}
      newsLabel={(count) => (count ? plural(count, "new recipient") : "Updates")}
      liveTitle="Live: its status and recipients update as it goes out"
    />
  );
}
