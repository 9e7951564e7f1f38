// After a campaign change commits: its event, whose realtime listener tells the Campaigns pages of who may
// manage campaigns (counts, coalesced: lib/realtime/publish.ts). Never throws (dispatchEvents).
import "server-only";
import type { Db } from "@/lib/db";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import type { CampaignsChange } from "@/lib/realtime/campaigns-change";

export async function announceCampaignsChange(db: Db, tenantId: string, change: CampaignsChange): Promise<void> {
  await dispatchEvents(db, [domainEvent("campaigns.changed", { tenantId, change })]);
}
