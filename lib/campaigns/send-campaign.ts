// Sending a one-time campaign: once, to everyone in its audience now. Built for tens of thousands of
// recipients: contacts are walked in id order and each batch writes its outbox messages and recipient
// rows with createMany in one transaction, so memory and transaction size stay bounded.
import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ChannelName } from "@/lib/channels/channels";
import { authorize } from "@/lib/policy";
import { Conflict } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { uuidv7 } from "@/lib/db/ids";
import { audienceWhere, countAudience, deliveryChannelOf, type AudienceCondition } from "./audience";
import {
  deliveryIdentityOrder,
  deliveryIdentityWhere,
  findCampaign,
  parseStoredAudience,
  toCampaignView,
  type CampaignView,
} from "./campaign-records";
import { announceCampaignsChange } from "./announce-change";
import { campaignChanged } from "@/lib/realtime/campaigns-change";

export const SEND_BATCH_SIZE = 1000;

const alreadySent = () =>
  new Conflict("campaign_already_sent", "This campaign was already sent; a campaign is sent once.");

export async function sendCampaign({
  db,
  actor,
  campaignId,
  now = new Date(),
  batchSize = SEND_BATCH_SIZE,
}: {
  db: Db;
  actor: Actor;
  campaignId: string;
  now?: Date;
  /** Recipients per transaction (tests use small batches to cover the batching). */
  batchSize?: number;
}): Promise<CampaignView> {
  authorize(actor, "campaigns.manage", { tenantId: actor.tenantId });
  const campaign = await findCampaign(db, actor, campaignId);
  if (campaign.kind !== "one_time") {
    throw new Conflict("campaign_not_one_time", "An ongoing campaign is not sent once: activate it instead.");
  }
  if (campaign.status !== "draft") throw alreadySent();
  const audience = parseStoredAudience(campaign.audience);
  const batch: SendBatch = {
    tenantId: campaign.tenantId,
    campaignId: campaign.id,
    message: campaign.message,
    audience,
    channel: deliveryChannelOf(audience),
    now,
    size: Math.max(1, batchSize),
  };

  // The first batch also claims the campaign (draft → sent): of two concurrent sends, the second waits
  // on the row lock, then finds no draft and answers 409 — the campaign is sent once.
  let progress = await db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({
      where: { id: campaign.id, tenantId: campaign.tenantId, status: "draft" },
      data: { status: "sent", sentAt: now },
    });
    if (claimed.count === 0) throw alreadySent();
    await recordAudit(tx, actor, {
      action: "campaign.sent",
      targetType: "campaign",
      targetId: campaign.id,
      data: { audienceCount: await countAudience(tx, campaign.tenantId, audience), channel: batch.channel },
    });
    return insertRecipientBatch(tx, batch, null);
  });
  // Its status and each batch's recipients show on the Campaigns pages as they commit (coalesced: a send of
  // many batches is an event a second).
  await announceCampaignsChange(
    db,
    batch.tenantId,
    campaignChanged(batch.campaignId, { status: true, recipients: progress.sent }),
  );
  while (!progress.done) {
    const after = progress.lastContactId;
    progress = await db.$transaction((tx) => insertRecipientBatch(tx, batch, after));
    if (progress.sent)
      await announceCampaignsChange(
        db,
        batch.tenantId,
        campaignChanged(batch.campaignId, { recipients: progress.sent }),
      );
  }
  return toCampaignView(await findCampaign(db, actor, campaign.id));
}

interface SendBatch {
  tenantId: string;
  campaignId: string;
  message: string;
  audience: AudienceCondition[];
  channel: ChannelName | null;
  now: Date;
  size: number;
}

/** The next `size` contacts of the audience after `afterContactId` that have not received the campaign. */
async function insertRecipientBatch(tx: Tx, batch: SendBatch, afterContactId: string | null) {
  const contacts = await tx.contact.findMany({
    where: {
      AND: [
        audienceWhere(batch.tenantId, batch.audience),
        { campaignsReceived: { none: { campaignId: batch.campaignId } } },
        ...(afterContactId ? [{ id: { gt: afterContactId } }] : []),
      ],
    },
    orderBy: { id: "asc" },
    take: batch.size,
    select: {
      id: true,
      identities: {
        where: deliveryIdentityWhere(batch.channel),
        orderBy: deliveryIdentityOrder,
        take: 1,
        select: { channel: true, identifier: true },
      },
    },
  });
  const rows = contacts.flatMap((contact) => {
    const identity = contact.identities[0];
    return identity ? [{ contactId: contact.id, identity, outboxMessageId: uuidv7(batch.now.getTime()) }] : [];
  });
  if (rows.length) {
    await tx.outboxMessage.createMany({
      data: rows.map((row) => ({
        id: row.outboxMessageId,
        tenantId: batch.tenantId,
        channel: row.identity.channel,
        recipient: row.identity.identifier,
        body: batch.message,
        campaignId: batch.campaignId,
        createdAt: batch.now,
      })),
    });
    await tx.campaignRecipient.createMany({
      data: rows.map((row) => ({
        tenantId: batch.tenantId,
        campaignId: batch.campaignId,
        contactId: row.contactId,
        channel: row.identity.channel,
        outboxMessageId: row.outboxMessageId,
        createdAt: batch.now,
      })),
    });
  }
  return {
    done: contacts.length < batch.size,
    lastContactId: contacts.at(-1)?.id ?? afterContactId,
    sent: rows.length,
  };
}
