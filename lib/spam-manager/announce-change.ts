// After a Spam Manager change commits: its event, whose realtime listener tells the tenant's supervisors'
// and admins' Spam Manager pages (coalesced: lib/realtime/publish.ts). Never throws (dispatchEvents).
import "server-only";
import type { Db } from "@/lib/db";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import type { SpamManagerChange } from "@/lib/realtime/spam-manager-change";

export async function announceSpamManagerChange(db: Db, tenantId: string, change: SpamManagerChange): Promise<void> {
  await dispatchEvents(db, [domainEvent("spam_manager.changed", { tenantId, change })]);
}
