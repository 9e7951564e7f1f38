// Reading campaigns back: the tenant-scoped look-up, the stored audience, the public JSON shape, and
// where a campaign message goes for one contact. Shared by managing, sending and ongoing delivery.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ChannelName } from "@/lib/channels/channels";
import { NotFound } from "@/lib/errors";
import { audienceSchema, type AudienceCondition } from "./audience-conditions";

export const campaignSelect = {
  id: true,
  tenantId: true,
  name: true,
  kind: true,
  status: true,
  audience: true,
  message: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  sentAt: true,
  _count: { select: { recipients: true } },
} satisfies Prisma.CampaignSelect;

export type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

/** The stored conditions (written normalized by audienceSchema, so parsing them again is lossless). */
export function parseStoredAudience(stored: Prisma.JsonValue): AudienceCondition[] {
  const parsed = audienceSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`stored campaign audience is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** A campaign as the API and the UI show it. */
export function toCampaignView(row: CampaignRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    audience: parseStoredAudience(row.audience),
    message: row.message,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    recipientCount: row._count.recipients,
  };
}

export type CampaignView = ReturnType<typeof toCampaignView>;

/** The actor's tenant's campaign, or 404 (another tenant's campaign is not found, not forbidden). */
export async function findCampaign(db: DbOrTx, actor: Actor, campaignId: string): Promise<CampaignRow> {
  const campaign = await db.campaign.findFirst({
    where: { id: String(campaignId), tenantId: actor.tenantId },
    select: campaignSelect,
  });
  if (!campaign) throw new NotFound("campaign");
  return campaign;
}

/**
 * Where one contact receives a campaign: its identity on the audience's channel ("channel is WhatsApp")
 * if the audience names one, else its most recently created identity.
 */
export function deliveryIdentityWhere(channel: ChannelName | null): Prisma.ContactIdentityWhereInput {
  return channel ? { channel } : {};
}
export const deliveryIdentityOrder: Prisma.ContactIdentityOrderByWithRelationInput[] = [
  { createdAt: "desc" },
  { id: "desc" },
];

export async function deliveryIdentity(db: DbOrTx, tenantId: string, contactId: string, channel: ChannelName | null) {
  return db.contactIdentity.findFirst({
    where: { tenantId, contactId, ...deliveryIdentityWhere(channel) },
    orderBy: deliveryIdentityOrder,
    select: { channel: true, identifier: true },
  });
}
