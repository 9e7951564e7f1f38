// What the Campaigns pages hear (campaigns.changed): how many campaigns were created, and which changed — a
// status (sent, activated, paused, a draft edited or deleted) or recipients added, counted — never a name,
// an audience, a message or a recipient. Sent to who may manage campaigns, coalesced per tenant
// (lib/realtime/coalesce.ts): a one-time send of 50,000 in batches, or an ongoing campaign reaching a flood
// of new contacts, is one event a second. Shared by server and browser.

export interface CampaignChange {
  /** Recipients added (outbox messages queued): the campaign's sent count grew by this. */
  recipients: number;
  /** Its status changed (sent, activated, paused) or its row did (a draft edited or deleted). */
  status: boolean;
}

export interface CampaignsChangedEvent {
  /** Campaigns created (new rows on the list's first page). */
  created: number;
  /** The campaigns that changed, by id. */
  campaigns: Record<string, CampaignChange>;
}

export type CampaignsChange = Partial<CampaignsChangedEvent>;

/** Two changes as one (the sum of the counts). */
export function mergeCampaignsChanges(a: CampaignsChange, b: CampaignsChange): CampaignsChangedEvent {
  const campaigns: Record<string, CampaignChange> = { ...a.campaigns };
  for (const [id, change] of Object.entries(b.campaigns ?? {})) {
    const before = campaigns[id];
    campaigns[id] = before
      ? { recipients: before.recipients + change.recipients, status: before.status || change.status }
      : change;
  }
  return { created: (a.created ?? 0) + (b.created ?? 0), campaigns };
}

/** One campaign's change, as a use case reports it. */
export function campaignChanged(campaignId: string, change: Partial<CampaignChange>): CampaignsChange {
  return { campaigns: { [campaignId]: { recipients: change.recipients ?? 0, status: change.status ?? false } } };
}

/** The list: campaigns created (counted) or changed (news without a count). */
export function campaignListNews(event: CampaignsChangedEvent): number | null {
  if (!event.created && Object.keys(event.campaigns).length === 0) return null;
  return event.created;
}

/** One campaign's page: its new recipients (counted), or its status (news without a count). */
export function campaignPageNews(campaignId: string) {
  return (event: CampaignsChangedEvent): number | null => event.campaigns[campaignId]?.recipients ?? null;
}
