// Ongoing campaigns reach each contact when it starts matching their audience (first contact, a
// trait change…), at most once per contact ever. Callers that change a contact ask which campaigns
// it matched before the change and put that set in their contact.updated event; the listener hands it
// to deliverOngoingCampaigns() after the commit.
// The unique (campaignId, contactId) recipient row is what guarantees "once", even under races.
import "server-only";
import type { Db, DbOrTx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { contactMatchesAudience, deliveryChannelOf } from "./audience";
import { uuidv7 } from "@/lib/db/ids";
import { deliveryIdentity, parseStoredAudience } from "./campaign-records";
import { announceCampaignsChange } from "./announce-change";
import { mergeCampaignsChanges, campaignChanged, type CampaignsChange } from "@/lib/realtime/campaigns-change";

const activeOngoing = (tenantId: string) => ({ tenantId, kind: "ongoing" as const, status: "active" as const });

/** Before a change to a contact: which active ongoing campaigns it matches now. */
export async function ongoingCampaignsMatching(db: DbOrTx, tenantId: string, contactId: string): Promise<Set<string>> {
  const campaigns = await db.campaign.findMany({
    where: activeOngoing(tenantId),
    select: { id: true, audience: true },
  });
  const matched = new Set<string>();
  for (const campaign of campaigns) {
    try {
      if (await contactMatchesAudience(db, tenantId, contactId, parseStoredAudience(campaign.audience)))
        matched.add(campaign.id);
    } catch (error) {
      // A broken stored audience must not break the caller's change (ingest, trait edits); the campaign
      // then counts as matched before, so it is not sent because of this change.
      console.error(`[campaigns] could not evaluate ongoing campaign ${campaign.id} for contact ${contactId}:`, error);
      matched.add(campaign.id);
    }
  }
  return matched;
}

/**
 * After the change committed (a job listener of contact events, see lib/events/listeners.ts): send
 * every active ongoing campaign the contact matches now and did not match before (matchedBefore), at
 * most once per contact ever (the unique CampaignRecipient row guarantees it even under races and
 * retries). Tries every campaign, then throws if any failed (the database, say), so the job queue
 * retries the rest; a campaign whose stored audience is corrupt is logged and skipped.
 * Returns the campaign ids sent.
 */
export async function deliverOngoingCampaigns(
  db: Db,
  tenantId: string,
  contactId: string,
  matchedBefore: Set<string>,
): Promise<string[]> {
  const sent: string[] = [];
  const failures: unknown[] = [];
  const candidates = await db.campaign.findMany({
    where: { ...activeOngoing(tenantId), id: { notIn: [...matchedBefore] }, recipients: { none: { contactId } } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const { id } of candidates) {
    try {
      if (await deliverOne(db, tenantId, contactId, id)) sent.push(id);
    } catch (error) {
      // Another delivery of the same campaign to the same contact won the race: it has it, once.
      if (isUniqueViolation(error)) continue;
      console.error(`[campaigns] ongoing campaign ${id} could not be sent to contact ${contactId}:`, error);
      failures.push(error);
    }
  }
  // The campaigns' recipient counts grew: one event for the contact's deliveries (coalesced per tenant).
  if (sent.length) {
    const change = sent.reduce<CampaignsChange>(
      (all, id) => mergeCampaignsChanges(all, campaignChanged(id, { recipients: 1 })),
      {},
    );
    await announceCampaignsChange(db, tenantId, change);
  }
  if (failures.length)
    throw new AggregateError(failures, `${failures.length} ongoing campaign(s) not sent to contact ${contactId}`);
  return sent;
}

/** In one transaction: re-check (still active, still matching), then the recipient row and its outbox message. */
async function deliverOne(db: Db, tenantId: string, contactId: string, campaignId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findFirst({
      where: { id: campaignId, ...activeOngoing(tenantId) },
      select: { id: true, audience: true, message: true },
    });
    if (!campaign) return false;
    const audience = storedAudienceOrNull(campaign.id, campaign.audience);
    if (!audience) return false;
    if (!(await contactMatchesAudience(tx, tenantId, contactId, audience))) return false;
    const identity = await deliveryIdentity(tx, tenantId, contactId, deliveryChannelOf(audience));
    if (!identity) return false;
    const outboxMessageId = uuidv7();
    // The recipient row first: a concurrent delivery fails here, before anything is queued.
    await tx.campaignRecipient.create({
      data: { tenantId, campaignId: campaign.id, contactId, channel: identity.channel, outboxMessageId },
    });
    await tx.outboxMessage.create({
      data: {
        id: outboxMessageId,
        tenantId,
        channel: identity.channel,
        recipient: identity.identifier,
        body: campaign.message,
        campaignId: campaign.id,
      },
    });
    return true;
  });
}

/** A corrupt stored audience fails the same way on every retry: it is logged and the campaign skipped. */
function storedAudienceOrNull(campaignId: string, stored: Parameters<typeof parseStoredAudience>[0]) {
  try {
    return parseStoredAudience(stored);
  } catch (error) {
    console.error(`[campaigns] ongoing campaign ${campaignId} has an invalid stored audience; not sent:`, error);
    return null;
  }
}
