// Admins (and API keys) create campaigns, edit and delete drafts, preview audiences, and activate or
// pause ongoing campaigns. One-time sending is send-campaign.ts; ongoing delivery ongoing-campaigns.ts.
import "server-only";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { Conflict } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { TraitType } from "@/lib/contacts/traits";
import { countAudience, listAudience, type AudienceCondition } from "./audience";
import {
  campaignSelect,
  findCampaign,
  parseStoredAudience,
  toCampaignView,
  type CampaignView,
} from "./campaign-records";
import {
  audiencePreviewSchema,
  audienceQuerySchema,
  createCampaignSchema,
  listCampaignsQuerySchema,
  updateCampaignSchema,
} from "./campaign-schemas";
import { sendCampaign } from "./send-campaign";
import { announceCampaignsChange } from "./announce-change";
import { campaignChanged } from "@/lib/realtime/campaigns-change";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";

const manage = (actor: Actor) => authorize(actor, "campaigns.manage", { tenantId: actor.tenantId });

export const AUDIENCE_SAMPLE_SIZE = 5;

export interface AudiencePreview {
  count: number;
  sample: Array<{ id: string; name: string }>;
}

async function audiencePreview(
  db: DbOrTx,
  tenantId: string,
  audience: AudienceCondition[],
  sample: number,
): Promise<AudiencePreview> {
  const [count, contacts] = await Promise.all([
    countAudience(db, tenantId, audience),
    listAudience(db, tenantId, audience, { limit: sample }),
  ]);
  return { count, sample: contacts };
}

export const listCampaigns = defineUseCase({
  inputName: "query",
  input: listCampaignsQuerySchema,
  authorize: ({ actor }: ReadContext) => manage(actor),
  run: async ({ db, actor }, { cursor, limit }) => {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await db.campaign.findMany({
      where: {
        tenantId: actor.tenantId,
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: campaignSelect,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toCampaignView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  },
});

export async function getCampaign({
  db,
  actor,
  campaignId,
}: ReadContext & {
  campaignId: string;
}): Promise<CampaignView> {
  manage(actor);
  return toCampaignView(await findCampaign(db, actor, campaignId));
}

/** Creates a draft; with sendNow (one-time) it is sent, with activate (ongoing) activated, in the same call. */
export const createCampaign = defineUseCase({
  inputName: "campaign",
  input: createCampaignSchema,
  authorize: ({ actor }: UseCaseContext) => {
    manage(actor);
  },
  run: async ({ db, actor, now }, { sendNow, activate, ...data }): Promise<CampaignView> => {
    const created = await db.$transaction(async (tx) => {
      const campaign = await tx.campaign.create({
        data: {
          tenantId: actor.tenantId,
          name: data.name,
          kind: data.kind,
          audience: data.audience as Prisma.InputJsonValue,
          message: data.message,
          createdById: actor.kind === "agent" ? actor.agentId : null,
          ...(now ? { createdAt: now } : {}),
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "campaign.created",
        targetType: "campaign",
        targetId: campaign.id,
        data: { name: data.name, kind: data.kind, audience: data.audience as Prisma.InputJsonValue },
      });
      return campaign;
    });
    await announceCampaignsChange(db, actor.tenantId, { created: 1 });
    if (sendNow) return sendCampaign({ db, actor, campaignId: created.id, now });
    if (activate) return activateCampaign({ db, actor, campaignId: created.id, now });
    return getCampaign({ db, actor, campaignId: created.id });
  },
});

const notDraft = () =>
  new Conflict("campaign_not_draft", "Only a draft can be changed or deleted; this campaign has already gone out.");

export const updateCampaign = defineUseCase({
  inputName: "campaign",
  input: updateCampaignSchema,
  authorize: ({ actor }: UseCaseContext & { campaignId: string }) => {
    manage(actor);
  },
  run: async ({ db, actor, campaignId }, changes): Promise<CampaignView> => {
    let changed = false;
    const view = await db.$transaction(async (tx) => {
      const campaign = await findCampaign(tx, actor, campaignId);
      if (campaign.status !== "draft") throw notDraft();
      const data = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.message !== undefined ? { message: changes.message } : {}),
        ...(changes.audience !== undefined ? { audience: changes.audience as Prisma.InputJsonValue } : {}),
      };
      if (Object.keys(data).length === 0) return toCampaignView(campaign);
      // Conditional on the status, so an edit cannot slip in while a send claims the campaign.
      const updated = await tx.campaign.updateMany({
        where: { id: campaign.id, tenantId: actor.tenantId, status: "draft" },
        data,
      });
      if (updated.count === 0) throw notDraft();
      await recordAudit(tx, actor, { action: "campaign.updated", targetType: "campaign", targetId: campaign.id, data });
      changed = true;
      return toCampaignView(await findCampaign(tx, actor, campaign.id));
    });
    if (changed) await announceCampaignsChange(db, actor.tenantId, campaignChanged(view.id, { status: true }));
    return view;
  },
});

export async function deleteCampaign({
  db,
  actor,
  campaignId,
}: UseCaseContext & {
  campaignId: string;
}): Promise<{ id: string; deleted: true }> {
  manage(actor);
  const result = await db.$transaction(async (tx) => {
    const campaign = await findCampaign(tx, actor, campaignId);
    const deleted = await tx.campaign.deleteMany({
      where: { id: campaign.id, tenantId: actor.tenantId, status: "draft" },
    });
    if (deleted.count === 0) throw notDraft();
    await recordAudit(tx, actor, {
      action: "campaign.deleted",
      targetType: "campaign",
      targetId: campaign.id,
      data: { name: campaign.name },
    });
    return { id: campaign.id, deleted: true as const };
  });
  await announceCampaignsChange(db, actor.tenantId, campaignChanged(result.id, { status: true }));
  return result;
}

/**
 * Starts (or resumes) an ongoing campaign: from now on each contact that starts matching its audience
 * receives it once. Contacts that already match when it is activated are not sent to. Activating an
 * active campaign changes nothing.
 */
export async function activateCampaign({
  db,
  actor,
  campaignId,
  now = new Date(),
}: UseCaseContext & {
  campaignId: string;
}) {
  return setOngoingStatus(db, actor, campaignId, "active", now);
}

/** Stops an ongoing campaign's deliveries until it is activated again. Pausing a paused campaign changes nothing. */
export async function pauseCampaign({
  db,
  actor,
  campaignId,
  now = new Date(),
}: UseCaseContext & {
  campaignId: string;
}) {
  return setOngoingStatus(db, actor, campaignId, "paused", now);
}

async function setOngoingStatus(
  db: Db,
  actor: Actor,
  campaignId: string,
  to: "active" | "paused",
  now: Date,
): Promise<CampaignView> {
  manage(actor);
  let changed = false;
  const view = await db.$transaction(async (tx) => {
    const campaign = await findCampaign(tx, actor, campaignId);
    if (campaign.kind !== "ongoing") {
      throw new Conflict(
        "campaign_not_ongoing",
        "Only ongoing campaigns are activated or paused; a one-time campaign is sent.",
      );
    }
    if (campaign.status === to) return toCampaignView(campaign);
    const from = to === "active" ? (["draft", "paused"] as const) : (["active"] as const);
    const updated = await tx.campaign.updateMany({
      where: { id: campaign.id, tenantId: actor.tenantId, status: { in: [...from] } },
      // sentAt: when the campaign first started going out.
      data: { status: to, ...(to === "active" && !campaign.sentAt ? { sentAt: now } : {}) },
    });
    if (updated.count === 0) throw new Conflict("campaign_not_active", "Only an active campaign can be paused.");
    await recordAudit(tx, actor, {
      action: to === "active" ? "campaign.activated" : "campaign.paused",
      targetType: "campaign",
      targetId: campaign.id,
    });
    changed = true;
    return toCampaignView(await findCampaign(tx, actor, campaign.id));
  });
  // Ingest here queues a new contact's campaigns job only while the tenant has an active ongoing campaign
  // (lib/admission/admission-cache.ts): this instance's next message must know of the change.
  await settleAdmissionChanges();
  if (changed) await announceCampaignsChange(db, actor.tenantId, campaignChanged(view.id, { status: true }));
  return view;
}

/** The audience of conditions not saved yet: the editor's live count and sample. */
export const previewAudience = defineUseCase({
  inputName: "audience",
  input: audiencePreviewSchema,
  authorize: ({ actor }: ReadContext) => {
    manage(actor);
  },
  run: async ({ db, actor }, { audience }): Promise<AudiencePreview> => {
    return audiencePreview(db, actor.tenantId, audience, AUDIENCE_SAMPLE_SIZE);
  },
});

/** Who a saved campaign's conditions match now (for a sent campaign, the recipients are the record of who got it). */
export const getCampaignAudience = defineUseCase({
  inputName: "query",
  input: audienceQuerySchema,
  authorize: ({ actor }: ReadContext & { campaignId: string }) => manage(actor),
  run: async ({ db, actor, campaignId }, { sample }): Promise<AudiencePreview> => {
    const campaign = await findCampaign(db, actor, campaignId);
    return audiencePreview(db, actor.tenantId, parseStoredAudience(campaign.audience), sample);
  },
});

/** The most recent recipients of a campaign, for its page. */
export async function listCampaignRecipients({
  db,
  actor,
  campaignId,
  limit = 20,
}: ReadContext & {
  campaignId: string;
  limit?: number;
}) {
  manage(actor);
  const campaign = await findCampaign(db, actor, campaignId);
  const rows = await db.campaignRecipient.findMany({
    where: { campaignId: campaign.id, tenantId: actor.tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, channel: true, createdAt: true, contact: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    contact: row.contact,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** The trait keys in use in the tenant and their types: suggestions for the audience builder. */
export async function listTraitKeys({ db, actor }: ReadContext): Promise<Array<{ key: string; type: TraitType }>> {
  manage(actor);
  const rows = await db.contactTrait.findMany({
    where: { tenantId: actor.tenantId },
    distinct: ["key", "type"],
    orderBy: [{ key: "asc" }, { type: "asc" }],
    take: 200,
    select: { key: true, type: true },
  });
  return rows;
}
