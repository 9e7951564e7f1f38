import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, createTenant } from "../factories";
import { createCampaignFor, createContact, setTraits } from "../factories/campaigns";
import type { Db } from "@/lib/db";
import {
  audienceSchema,
  audienceWhere,
  contactMatchesAudience,
  AUDIENCE_COUNTS_AT_ONCE,
  countAudience,
  countAudiences,
  listAudience,
  type AudienceConditionInput,
} from "@/lib/campaigns/audience";
import {
  activateCampaign,
  deleteCampaign,
  pauseCampaign,
  previewAudience,
  updateCampaign,
} from "@/lib/campaigns/manage-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { deliverOngoingCampaigns, ongoingCampaignsMatching } from "@/lib/campaigns/ongoing-campaigns";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/campaigns/route";
import { GET as getRoute, PATCH as patchRoute, DELETE as deleteRoute } from "@/app/api/v1/campaigns/[id]/route";
import { GET as audienceRoute } from "@/app/api/v1/campaigns/[id]/audience/route";
import { POST as sendRoute } from "@/app/api/v1/campaigns/[id]/send/route";
import { POST as activateRoute } from "@/app/api/v1/campaigns/[id]/activate/route";
import { POST as pauseRoute } from "@/app/api/v1/campaigns/[id]/pause/route";
import { POST as previewRoute } from "@/app/api/v1/campaigns/audience-preview/route";
import { apiDocument } from "@/app/api/v1/operations";

/** The ids of the tenant's contacts the conditions select, through the one audience query. */
async function audienceIds(db: Db, tenantId: string, conditions: AudienceConditionInput[]): Promise<string[]> {
  const rows = await db.contact.findMany({
    where: audienceWhere(tenantId, audienceSchema.parse(conditions)),
    select: { id: true },
  });
  return rows.map((r) => r.id).sort();
}
const sorted = (...contacts: Array<{ id: string }>) => contacts.map((c) => c.id).sort();

function fieldsOf(error: unknown): Array<{ field: string; message: string }> {
  return (error as { details: { fields: Array<{ field: string; message: string }> } }).details.fields;
}

describe("campaign audiences", () => {
  it("selects by channel (has / has no identity on it), by signed-in status, and ANDs conditions", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const whatsapp = await createContact(db, tenant.id, { identities: [{ channel: "whatsapp" }] });
    const emailSignedIn = await createContact(db, tenant.id, {
      identities: [{ channel: "email" }],
      authenticated: true,
    });
    const both = await createContact(db, tenant.id, {
      identities: [{ channel: "email" }, { channel: "whatsapp" }],
      authenticated: true,
    });

    expect(await audienceIds(db, tenant.id, [{ kind: "channel", op: "eq", value: "whatsapp" }])).toEqual(
      sorted(whatsapp, both),
    );
    expect(await audienceIds(db, tenant.id, [{ kind: "channel", op: "neq", value: "whatsapp" }])).toEqual(
      sorted(emailSignedIn),
    );
    expect(await audienceIds(db, tenant.id, [{ kind: "authenticated", value: true }])).toEqual(
      sorted(emailSignedIn, both),
    );
    expect(await audienceIds(db, tenant.id, [{ kind: "authenticated", value: false }])).toEqual(sorted(whatsapp));
    expect(
      await audienceIds(db, tenant.id, [
        { kind: "channel", op: "eq", value: "whatsapp" },
        { kind: "authenticated", value: true },
      ]),
    ).toEqual(sorted(both));
    expect(await audienceIds(db, tenant.id, [])).toEqual(sorted(whatsapp, emailSignedIn, both));
  });

  it("matches text traits in any case: eq, neq (also without the trait), contains, exists, not_exists", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const pro = await createContact(db, tenant.id, { traits: { plan: "pro", company: "Acme Widgets" } });
    const proUpper = await createContact(db, tenant.id, { traits: { plan: "PRO" } });
    const free = await createContact(db, tenant.id, { traits: { plan: "free", company: "Widgetry 100%" } });
    const none = await createContact(db, tenant.id);
    const annual = await createContact(db, tenant.id, { traits: { plan: "Pro_Annual 50%\\" } });

    const trait = (op: string, value?: string) =>
      [{ kind: "trait", key: "plan", op, ...(value === undefined ? {} : { value }) }] as AudienceConditionInput[];
    expect(await audienceIds(db, tenant.id, trait("eq", "Pro"))).toEqual(sorted(pro, proUpper));
    expect(await audienceIds(db, tenant.id, trait("neq", "pro"))).toEqual(sorted(free, none, annual));
    expect(await audienceIds(db, tenant.id, trait("exists"))).toEqual(sorted(pro, proUpper, free, annual));
    expect(await audienceIds(db, tenant.id, trait("eq", "pro_annual 50%\\"))).toEqual(sorted(annual));
    expect(await audienceIds(db, tenant.id, trait("not_exists"))).toEqual(sorted(none));
    expect(
      await audienceIds(db, tenant.id, [{ kind: "trait", key: "company", op: "contains", value: "widget" }]),
    ).toEqual(sorted(pro, free));
    // LIKE wildcards in a value are plain characters.
    expect(
      await audienceIds(db, tenant.id, [{ kind: "trait", key: "company", op: "contains", value: "100%" }]),
    ).toEqual(sorted(free));
    expect(await audienceIds(db, tenant.id, [{ kind: "trait", key: "company", op: "contains", value: "_" }])).toEqual(
      [],
    );
    expect(await audienceIds(db, tenant.id, [{ kind: "trait", key: "company", op: "contains", value: "\\" }])).toEqual(
      [],
    );
    expect(await audienceIds(db, tenant.id, trait("eq", "pr_"))).toEqual([]);
    expect(await audienceIds(db, tenant.id, trait("eq", "%"))).toEqual([]);
  });

  it("compares number traits as numbers (9 < 10 < 100), not as text", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const nine = await createContact(db, tenant.id, { traits: { seats: 9 } });
    const ten = await createContact(db, tenant.id, { traits: { seats: 10 } });
    const hundred = await createContact(db, tenant.id, { traits: { seats: 100 } });
    await createContact(db, tenant.id, { traits: { seats: "lots" } });

    const seats = (op: string, value: unknown, type?: string) =>
      [{ kind: "trait", key: "seats", op, value, ...(type ? { type } : {}) }] as AudienceConditionInput[];
    expect(await audienceIds(db, tenant.id, seats("gt", 9))).toEqual(sorted(ten, hundred));
    expect(await audienceIds(db, tenant.id, seats("gte", 10))).toEqual(sorted(ten, hundred));
    expect(await audienceIds(db, tenant.id, seats("lt", 10))).toEqual(sorted(nine));
    // A numeric string with an ordering operator compares as a number.
    expect(await audienceIds(db, tenant.id, seats("lte", "10"))).toEqual(sorted(nine, ten));
    expect(await audienceIds(db, tenant.id, seats("eq", 100))).toEqual(sorted(hundred));
    expect(await audienceIds(db, tenant.id, seats("eq", "1,000", "number"))).toEqual([]);
    // Text equality compares the canonical text, so "10" finds the number 10 too.
    expect(await audienceIds(db, tenant.id, seats("eq", "10"))).toEqual(sorted(ten));
  });

  it("compares date traits as dates: a day is the whole UTC day; instants compare exactly", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const jan30 = await createContact(db, tenant.id, { traits: { renews: { type: "date", value: "2027-01-30" } } });
    const jan31 = await createContact(db, tenant.id, { traits: { renews: { type: "date", value: "2027-01-31" } } });
    const jan31Noon = await createContact(db, tenant.id, {
      traits: { renews: { type: "date", value: "2027-01-31T12:00:00Z" } },
    });
    const feb1 = await createContact(db, tenant.id, { traits: { renews: { type: "date", value: "2027-02-01" } } });

    const renews = (op: string, value: string, type?: string) =>
      [{ kind: "trait", key: "renews", op, value, ...(type ? { type } : {}) }] as AudienceConditionInput[];
    expect(await audienceIds(db, tenant.id, renews("eq", "2027-01-31", "date"))).toEqual(sorted(jan31, jan31Noon));
    expect(await audienceIds(db, tenant.id, renews("neq", "2027-01-31", "date"))).toEqual(sorted(jan30, feb1));
    expect(await audienceIds(db, tenant.id, renews("gt", "2027-01-31"))).toEqual(sorted(feb1)); // inferred: date
    expect(await audienceIds(db, tenant.id, renews("gte", "2027-01-31"))).toEqual(sorted(jan31, jan31Noon, feb1));
    expect(await audienceIds(db, tenant.id, renews("lt", "2027-01-31"))).toEqual(sorted(jan30));
    expect(await audienceIds(db, tenant.id, renews("lte", "2027-01-31"))).toEqual(sorted(jan30, jan31, jan31Noon));
    expect(await audienceIds(db, tenant.id, renews("gt", "2027-01-31T06:00:00Z"))).toEqual(sorted(jan31Noon, feb1));
  });

  it("matches yes/no traits", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const vip = await createContact(db, tenant.id, { traits: { vip: true } });
    const notVip = await createContact(db, tenant.id, { traits: { vip: false } });
    const unknown = await createContact(db, tenant.id);
    expect(await audienceIds(db, tenant.id, [{ kind: "trait", key: "vip", op: "eq", value: true }])).toEqual(
      sorted(vip),
    );
    expect(
      await audienceIds(db, tenant.id, [{ kind: "trait", key: "vip", op: "eq", value: "no", type: "boolean" }]),
    ).toEqual(sorted(notVip));
    expect(await audienceIds(db, tenant.id, [{ kind: "trait", key: "vip", op: "neq", value: true }])).toEqual(
      sorted(notVip, unknown),
    );
  });

  it("never reaches another tenant's contacts, nor contacts without an address", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    const mine = await createContact(db, tenant.id, { traits: { plan: "pro" } });
    await createContact(db, other.id, { traits: { plan: "pro" } });
    await createContact(db, tenant.id, { identities: [], traits: { plan: "pro" } });
    const conditions = audienceSchema.parse([{ kind: "trait", key: "plan", op: "eq", value: "pro" }]);
    expect(await audienceIds(db, tenant.id, conditions)).toEqual(sorted(mine));
    expect(await countAudience(db, tenant.id, conditions)).toBe(1);
    expect(await listAudience(db, tenant.id, conditions, { limit: 5 })).toEqual([{ id: mine.id, name: mine.name }]);
    expect(await contactMatchesAudience(db, tenant.id, mine.id, conditions)).toBe(true);
    expect(await contactMatchesAudience(db, other.id, mine.id, conditions)).toBe(false);
  });

  it("counts a page of drafts' audiences a few at a time, not all at once on every pooled connection", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    await createContact(db, tenant.id, { traits: { plan: "pro", seats: 12 } });
    await createContact(db, tenant.id, { traits: { plan: "free", seats: 1 } });
    await createContact(db, tenant.id, { traits: { plan: "pro", seats: 3 } });
    const drafts = Array.from({ length: 12 }, (_, i) => ({
      id: `draft-${i}`,
      audience: audienceSchema.parse([{ kind: "trait", key: "seats", op: "gte", value: i }]),
    }));
    // The real database, watched: how many counts are in flight at once.
    let inFlight = 0;
    let most = 0;
    const watched = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "contact") return Reflect.get(target, property, receiver);
        const contact = target.contact;
        return new Proxy(contact, {
          get(model, name, modelReceiver) {
            if (name !== "count") return Reflect.get(model, name, modelReceiver);
            return async (args: Parameters<typeof contact.count>[0]) => {
              most = Math.max(most, ++inFlight);
              try {
                return await contact.count(args);
              } finally {
                inFlight--;
              }
            };
          },
        });
      },
    });
    const counts = await countAudiences(watched, tenant.id, drafts);
    expect([...counts]).toEqual(drafts.map((d, i) => [d.id, i <= 1 ? 3 : i <= 3 ? 2 : 1]));
    expect(most).toBe(AUDIENCE_COUNTS_AT_ONCE);
  });

  it("refuses conditions that do not make sense with 400s naming the field", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const preview = (audience: unknown) =>
      previewAudience.fromUntrusted({ db, actor: admin.actor, input: { audience } });
    const cases: Array<[unknown, string, RegExp]> = [
      [[{ kind: "trait", key: "plan", op: "gt", value: "pro" }], "audience.0.value", /gt compares numbers or dates/],
      [
        [{ kind: "trait", key: "plan", op: "gt", type: "text", value: "pro" }],
        "audience.0.type",
        /gt compares numbers or dates/,
      ],
      [[{ kind: "trait", key: "seats", op: "contains", value: 3 }], "audience.0.value", /contains compares text/],
      [[{ kind: "trait", key: "plan", op: "eq" }], "audience.0.value", /is required for eq/],
      [
        [{ kind: "trait", key: "renews", op: "lt", type: "date", value: "someday" }],
        "audience.0.value",
        /must be a date/,
      ],
      [
        [{ kind: "trait", key: "seats", op: "gt", type: "number", value: "many" }],
        "audience.0.value",
        /must be a number/,
      ],
      [[{ kind: "trait", key: "", op: "exists" }], "audience.0.key", /must not be empty/],
      [[{ kind: "trait", key: "plan", op: "like", value: "x" }], "audience.0.op", /must be one of eq, neq/],
      [[{ kind: "channel", op: "eq", value: "fax" }], "audience.0.value", /must be one of webchat/],
      [[{ kind: "spam" }], "audience.0.kind", /kind must be one of channel, trait, authenticated/],
      [[{ kind: "authenticated", value: "yes" }], "audience.0.value", /must be true/],
      ["everyone", "audience", /must be a list of conditions/],
    ];
    for (const [audience, field, message] of cases) {
      const error = await preview(audience).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(audience)).toMatchObject({ status: 400, code: "invalid_input" });
      expect(fieldsOf(error), JSON.stringify(audience)).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });

  it("stores conditions normalized, with the compared type explicit", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const campaign = await createCampaignFor(db, admin.actor, {
      audience: [
        { kind: "channel", value: "email" },
        { kind: "trait", key: "seats", op: "gte", value: "10" },
        { kind: "trait", key: "renews", op: "lt", value: "2027-01-31" },
        { kind: "trait", key: "vip", op: "eq", value: "yes", type: "boolean" },
        { kind: "trait", key: "plan", op: "exists", value: "ignored" },
      ],
    });
    expect(campaign.audience).toEqual([
      { kind: "channel", op: "eq", value: "email" },
      { kind: "trait", key: "seats", op: "gte", type: "number", value: 10 },
      { kind: "trait", key: "renews", op: "lt", type: "date", value: "2027-01-31" },
      { kind: "trait", key: "vip", op: "eq", type: "boolean", value: true },
      { kind: "trait", key: "plan", op: "exists" },
    ]);
  });
});

describe("sending a one-time campaign", () => {
  it("queues one outbox message per recipient on the audience's channel, records each, in batches", async () => {
    const db = testDatabase().prisma;
    const { tenant, admin } = await createTeam(db);
    const old = new Date("2025-01-01T00:00:00Z");
    // Newest identity is email, but the campaign's audience says WhatsApp: WhatsApp it is.
    const contacts = [];
    for (let i = 0; i < 5; i++) {
      contacts.push(
        await createContact(db, tenant.id, {
          identities: [
            { channel: "whatsapp", identifier: `+1555000000${i}`, createdAt: old },
            { channel: "email", identifier: `c${i}@example.test` },
          ],
          traits: { plan: "pro" },
        }),
      );
    }
    await createContact(db, tenant.id, { identities: [{ channel: "email" }], traits: { plan: "pro" } });
    await createContact(db, tenant.id, { identities: [{ channel: "whatsapp" }], traits: { plan: "free" } });

    const draft = await createCampaignFor(db, admin.actor, {
      message: "Pro tip: try the new dashboard",
      audience: [
        { kind: "trait", key: "plan", op: "eq", value: "pro" },
        { kind: "channel", op: "eq", value: "whatsapp" },
      ],
    });
    expect(draft).toMatchObject({ status: "draft", recipientCount: 0, sentAt: null });
    const now = new Date("2026-03-01T10:00:00Z");
    const sent = await sendCampaign({ db, actor: admin.actor, campaignId: draft.id, now, batchSize: 2 });
    expect(sent).toMatchObject({ status: "sent", recipientCount: 5, sentAt: now.toISOString() });

    const outbox = await db.outboxMessage.findMany({ where: { campaignId: draft.id }, orderBy: { recipient: "asc" } });
    expect(outbox.map((o) => [o.channel, o.recipient, o.body, o.status])).toEqual(
      contacts.map((_, i) => ["whatsapp", `+1555000000${i}`, "Pro tip: try the new dashboard", "pending"]),
    );
    expect(outbox.every((o) => o.tenantId === tenant.id)).toBe(true);
    const recipients = await db.campaignRecipient.findMany({ where: { campaignId: draft.id } });
    expect(recipients.map((r) => r.contactId).sort()).toEqual(sorted(...contacts));
    expect(recipients.every((r) => r.channel === "whatsapp")).toBe(true);
    expect(new Set(recipients.map((r) => r.outboxMessageId))).toEqual(new Set(outbox.map((o) => o.id)));

    const audit = await db.auditLog.findMany({
      where: { tenantId: tenant.id, targetId: draft.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["campaign.created", "campaign.sent"]);
    expect(audit[1]).toMatchObject({
      actorKind: "agent",
      actorId: admin.agent.id,
      data: { audienceCount: 5, channel: "whatsapp" },
    });
  });

  it("without a channel condition, delivers on each contact's newest identity", async () => {
    const db = testDatabase().prisma;
    const { tenant, admin } = await createTeam(db);
    const contact = await createContact(db, tenant.id, {
      identities: [
        { channel: "whatsapp", identifier: "+15550001111", createdAt: new Date("2025-01-01T00:00:00Z") },
        { channel: "email", identifier: "newest@example.test", createdAt: new Date("2026-01-01T00:00:00Z") },
      ],
    });
    const campaign = await createCampaignFor(db, admin.actor, { sendNow: true });
    expect(campaign).toMatchObject({ status: "sent", recipientCount: 1 });
    expect(
      await db.outboxMessage.findMany({
        where: { campaignId: campaign.id },
        select: { channel: true, recipient: true },
      }),
    ).toEqual([{ channel: "email", recipient: "newest@example.test" }]);
    expect(
      await db.campaignRecipient.findFirst({
        where: { campaignId: campaign.id },
        select: { contactId: true, channel: true },
      }),
    ).toEqual({
      contactId: contact.id,
      channel: "email",
    });
  });

  it("is sent once: a second send (even concurrent) answers 409 campaign_already_sent and writes nothing", async () => {
    const db = testDatabase().prisma;
    const { tenant, admin } = await createTeam(db);
    for (let i = 0; i < 3; i++) await createContact(db, tenant.id);
    const campaign = await createCampaignFor(db, admin.actor);
    const results = await Promise.allSettled([
      sendCampaign({ db, actor: admin.actor, campaignId: campaign.id, batchSize: 1 }),
      sendCampaign({ db, actor: admin.actor, campaignId: campaign.id, batchSize: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { status: 409, code: "campaign_already_sent" },
    });
    await expect(sendCampaign({ db, actor: admin.actor, campaignId: campaign.id })).rejects.toMatchObject({
      status: 409,
      code: "campaign_already_sent",
    });
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(3);
    expect(await db.outboxMessage.count({ where: { campaignId: campaign.id } })).toBe(3);
    // A sent campaign is no longer a draft.
    await expect(
      updateCampaign({ db, actor: admin.actor, campaignId: campaign.id, input: { name: "x" } }),
    ).rejects.toMatchObject({ code: "campaign_not_draft" });
    await expect(deleteCampaign({ db, actor: admin.actor, campaignId: campaign.id })).rejects.toMatchObject({
      code: "campaign_not_draft",
    });
  });

  it("refuses non-admins (403) and ongoing campaigns (409)", async () => {
    const db = testDatabase().prisma;
    const { admin, supervisor, agent } = await createTeam(db);
    const oneTime = await createCampaignFor(db, admin.actor);
    await expect(sendCampaign({ db, actor: supervisor.actor, campaignId: oneTime.id })).rejects.toMatchObject({
      status: 403,
    });
    await expect(sendCampaign({ db, actor: agent.actor, campaignId: oneTime.id })).rejects.toMatchObject({
      status: 403,
    });
    const ongoing = await createCampaignFor(db, admin.actor, { kind: "ongoing" });
    await expect(sendCampaign({ db, actor: admin.actor, campaignId: ongoing.id })).rejects.toMatchObject({
      status: 409,
      code: "campaign_not_one_time",
    });
    await expect(activateCampaign({ db, actor: admin.actor, campaignId: oneTime.id })).rejects.toMatchObject({
      status: 409,
      code: "campaign_not_ongoing",
    });
  });
});

describe("ongoing campaigns", () => {
  async function ongoingSetup(audience: AudienceConditionInput[]) {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const campaign = await createCampaignFor(db, team.admin.actor, {
      kind: "ongoing",
      audience,
      message: "Welcome aboard",
      activate: true,
    });
    expect(campaign.status).toBe("active");
    return { db, ...team, campaign };
  }

  it("reaches a brand-new contact that matches, once", async () => {
    const { db, tenant, campaign } = await ongoingSetup([{ kind: "channel", op: "eq", value: "messenger" }]);
    const contact = await createContact(db, tenant.id, {
      identities: [{ channel: "messenger", identifier: "psid-1" }],
    });
    expect(await deliverOngoingCampaigns(db, tenant.id, contact.id, new Set())).toEqual([campaign.id]);
    expect(await deliverOngoingCampaigns(db, tenant.id, contact.id, new Set())).toEqual([]);
    expect(
      await db.outboxMessage.findMany({
        where: { campaignId: campaign.id },
        select: { channel: true, recipient: true, body: true },
      }),
    ).toEqual([{ channel: "messenger", recipient: "psid-1", body: "Welcome aboard" }]);
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(1);

    const other = await createContact(db, tenant.id, { identities: [{ channel: "email" }] });
    expect(await deliverOngoingCampaigns(db, tenant.id, other.id, new Set())).toEqual([]);
  });

  it("reaches a contact whose trait change brings it into the audience; out and back in is still once", async () => {
    const { db, tenant, campaign } = await ongoingSetup([
      { kind: "trait", key: "plan", op: "eq", value: "pro" },
      { kind: "trait", key: "seats", op: "gte", value: 10 },
    ]);
    const contact = await createContact(db, tenant.id, { traits: { plan: "free", seats: 12 } });
    const change = async (traits: Parameters<typeof setTraits>[2]) => {
      const before = await ongoingCampaignsMatching(db, tenant.id, contact.id);
      await setTraits(db, contact.id, traits);
      return { before, sent: await deliverOngoingCampaigns(db, tenant.id, contact.id, before) };
    };

    expect(await change({ seats: 20 })).toEqual({ before: new Set(), sent: [] }); // still free
    expect(await change({ plan: "pro" })).toEqual({ before: new Set(), sent: [campaign.id] });
    expect(await change({ seats: 30 })).toEqual({ before: new Set([campaign.id]), sent: [] }); // matched already
    expect(await change({ plan: "free" })).toEqual({ before: new Set([campaign.id]), sent: [] }); // out
    expect(await change({ plan: "pro" })).toEqual({ before: new Set(), sent: [] }); // back in: already had it
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id, contactId: contact.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { campaignId: campaign.id } })).toBe(1);
  });

  it("does not reach a contact that matched before the change (e.g. when the campaign was activated)", async () => {
    const { db, tenant, campaign } = await ongoingSetup([{ kind: "trait", key: "plan", op: "eq", value: "pro" }]);
    const contact = await createContact(db, tenant.id, { traits: { plan: "pro" } });
    const before = await ongoingCampaignsMatching(db, tenant.id, contact.id);
    expect(before).toEqual(new Set([campaign.id]));
    await setTraits(db, contact.id, { nickname: "P" });
    expect(await deliverOngoingCampaigns(db, tenant.id, contact.id, before)).toEqual([]);
  });

  it("delivers once when deliveries for the same contact race", async () => {
    const { db, tenant, campaign } = await ongoingSetup([{ kind: "authenticated", value: true }]);
    const contact = await createContact(db, tenant.id, { authenticated: true });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => deliverOngoingCampaigns(db, tenant.id, contact.id, new Set())),
    );
    expect(results.flat()).toEqual([campaign.id]);
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { campaignId: campaign.id } })).toBe(1);
  });

  it("skips paused, draft and one-time campaigns and other tenants' campaigns; resumes after activation", async () => {
    const { db, tenant, admin, campaign } = await ongoingSetup([]);
    await createCampaignFor(db, admin.actor, { kind: "ongoing" }); // a draft
    await createCampaignFor(db, admin.actor, { kind: "one_time" });
    const other = await createTeam(db);
    await createCampaignFor(db, other.admin.actor, { kind: "ongoing", activate: true });

    const paused = await pauseCampaign({ db, actor: admin.actor, campaignId: campaign.id });
    expect(paused.status).toBe("paused");
    const first = await createContact(db, tenant.id);
    expect(await ongoingCampaignsMatching(db, tenant.id, first.id)).toEqual(new Set());
    expect(await deliverOngoingCampaigns(db, tenant.id, first.id, new Set())).toEqual([]);

    await activateCampaign({ db, actor: admin.actor, campaignId: campaign.id });
    const second = await createContact(db, tenant.id);
    expect(await deliverOngoingCampaigns(db, tenant.id, second.id, new Set())).toEqual([campaign.id]);
    const audit = await db.auditLog.findMany({
      where: { targetId: campaign.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "campaign.created",
      "campaign.activated",
      "campaign.paused",
      "campaign.activated",
    ]);
  });

  it("never throws into the caller: a failure is logged and nothing is returned", async () => {
    const { db, tenant } = await ongoingSetup([]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // No such contact: nothing matches, nothing is sent, no exception.
      expect(await deliverOngoingCampaigns(db, tenant.id, "no-such-contact", new Set())).toEqual([]);
      // A corrupt stored audience is logged, not thrown.
      const contact = await createContact(db, tenant.id);
      await db.campaign.updateMany({ where: { tenantId: tenant.id }, data: { audience: [{ kind: "nonsense" }] } });
      expect(await ongoingCampaignsMatching(db, tenant.id, contact.id)).toHaveProperty("size", 1);
      expect(await deliverOngoingCampaigns(db, tenant.id, contact.id, new Set())).toEqual([]);
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});

describe("campaigns REST API", () => {
  it("creates (201), lists with cursor paging, reads one, and previews audiences", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    await createContact(db, tenant.id, {
      name: "Paula Pro",
      identities: [{ channel: "whatsapp" }],
      traits: { plan: "pro" },
    });
    await createContact(db, tenant.id, {
      name: "Ed Email",
      identities: [{ channel: "email" }],
      traits: { plan: "pro" },
    });
    const audience = [
      { kind: "trait", key: "plan", op: "eq", value: "pro" },
      { kind: "channel", op: "eq", value: "whatsapp" },
    ];

    const preview = await callApi(previewRoute, { key: service.key, body: { audience } });
    expect(preview).toMatchObject({
      status: 200,
      body: { count: 1, sample: [{ id: expect.any(String), name: "Paula Pro" }] },
    });

    const created = await callApi(createRoute, {
      key: service.key,
      body: { name: "Pro on WhatsApp", kind: "one_time", audience, message: "Hi pros" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: "Pro on WhatsApp",
      kind: "one_time",
      status: "draft",
      message: "Hi pros",
      createdById: null,
      recipientCount: 0,
      sentAt: null,
      createdAt: expect.stringMatching(/Z$/),
    });
    const second = await callApi(createRoute, {
      key: service.key,
      body: { name: "Everyone", kind: "ongoing", message: "Welcome" },
    });
    expect(second.body).toMatchObject({ status: "draft", audience: [] });

    const one = await callApi(getRoute, { key: service.key, params: { id: created.body.id } });
    expect(one).toMatchObject({ status: 200, body: { id: created.body.id, recipientCount: 0 } });
    const audienceNow = await callApi(audienceRoute, {
      key: service.key,
      params: { id: created.body.id },
      path: "/api/v1/campaigns/x/audience?sample=1",
    });
    expect(audienceNow).toMatchObject({ status: 200, body: { count: 1, sample: [{ name: "Paula Pro" }] } });

    const page1 = await callApi(listRoute, { key: service.key, path: "/api/v1/campaigns?limit=1" });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await callApi(listRoute, {
      key: service.key,
      path: `/api/v1/campaigns?limit=1&cursor=${page1.body.nextCursor}`,
    });
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: created.body.id })], nextCursor: null });
  });

  it("sends in the create call with sendNow, answers the recipient count, and 409 on a resend", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    for (let i = 0; i < 3; i++) await createContact(db, tenant.id, { identities: [{ channel: "vkontakte" }] });
    await createContact(db, tenant.id, { identities: [{ channel: "email" }] });
    const res = await callApi(createRoute, {
      key: service.key,
      body: {
        name: "VK news",
        kind: "one_time",
        audience: [{ kind: "channel", value: "vkontakte" }],
        message: "News!",
        sendNow: true,
      },
    });
    expect(res).toMatchObject({ status: 201, body: { status: "sent", recipientCount: 3, sentAt: expect.any(String) } });
    const again = await callApi(sendRoute, { key: service.key, params: { id: res.body.id }, method: "POST" });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "campaign_already_sent" } } });
    expect(await db.outboxMessage.count({ where: { campaignId: res.body.id } })).toBe(3);

    const draft = await callApi(createRoute, {
      key: service.key,
      body: { name: "Later", kind: "one_time", message: "Hello" },
    });
    const sent = await callApi(sendRoute, { key: service.key, params: { id: draft.body.id }, method: "POST" });
    expect(sent).toMatchObject({ status: 200, body: { status: "sent", recipientCount: 4 } });
  });

  it("edits and deletes drafts, activates and pauses ongoing campaigns", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const draft = await callApi(createRoute, {
      key: service.key,
      body: { name: "Draft", kind: "ongoing", message: "Hi" },
    });
    const patched = await callApi(patchRoute, {
      key: service.key,
      method: "PATCH",
      params: { id: draft.body.id },
      body: { name: "Renamed", audience: [{ kind: "authenticated", value: true }] },
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { name: "Renamed", audience: [{ kind: "authenticated", value: true }] },
    });
    const active = await callApi(activateRoute, { key: service.key, method: "POST", params: { id: draft.body.id } });
    expect(active).toMatchObject({ status: 200, body: { status: "active", sentAt: expect.any(String) } });
    const paused = await callApi(pauseRoute, { key: service.key, method: "POST", params: { id: draft.body.id } });
    expect(paused).toMatchObject({ status: 200, body: { status: "paused" } });
    expect(
      await callApi(pauseRoute, { key: service.key, method: "POST", params: { id: draft.body.id } }),
    ).toMatchObject({ status: 200, body: { status: "paused" } });
    expect(
      await callApi(deleteRoute, { key: service.key, method: "DELETE", params: { id: draft.body.id } }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: "campaign_not_draft" } },
    });

    const other = await callApi(createRoute, {
      key: service.key,
      body: { name: "Other", kind: "ongoing", message: "Hi" },
    });
    expect(
      await callApi(pauseRoute, { key: service.key, method: "POST", params: { id: other.body.id } }),
    ).toMatchObject({ status: 409 });
    expect(
      await callApi(deleteRoute, { key: service.key, method: "DELETE", params: { id: other.body.id } }),
    ).toMatchObject({
      status: 200,
      body: { id: other.body.id, deleted: true },
    });
    expect(await callApi(getRoute, { key: service.key, params: { id: other.body.id } })).toMatchObject({ status: 404 });
  });

  it("answers 400 naming the fields, 401 without a key, 403 for a non-admin agent, 404 across tenants", async () => {
    const db = testDatabase().prisma;
    const { service, admin, agent, supervisor } = await createTeam(db);
    const other = await createTeam(db);

    const bad = await callApi(createRoute, {
      key: service.key,
      body: {
        name: "",
        kind: "weekly",
        message: " ",
        audience: [{ kind: "trait", key: "seats", op: "gt", value: "many" }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "audience.0.value",
      "kind",
      "message",
      "name",
    ]);
    const sendNowOngoing = await callApi(createRoute, {
      key: service.key,
      body: { name: "x", kind: "ongoing", message: "x", sendNow: true },
    });
    expect(sendNowOngoing.body.error.details.fields).toEqual([
      { field: "sendNow", message: expect.stringContaining("one-time") },
    ]);
    expect((await callApi(createRoute, { key: service.key, rawBody: "{nope" })).body.error.code).toBe("invalid_json");

    expect((await callApi(listRoute, {})).status).toBe(401);
    expect((await callApi(createRoute, { body: { name: "x", kind: "one_time", message: "x" } })).status).toBe(401);

    const theirs = await createCampaignFor(db, other.admin.actor);
    for (const asAgent of [agent, supervisor]) {
      const forbidden = await callApi(createRoute, {
        key: service.key,
        agentId: asAgent.agent.id,
        body: { name: "x", kind: "one_time", message: "x" },
      });
      expect(forbidden).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect((await callApi(listRoute, { key: service.key, agentId: asAgent.agent.id })).status).toBe(403);
      expect(
        (await callApi(previewRoute, { key: service.key, agentId: asAgent.agent.id, body: { audience: [] } })).status,
      ).toBe(403);
    }
    const asAdmin = await callApi(createRoute, {
      key: service.key,
      agentId: admin.agent.id,
      body: { name: "Mine", kind: "one_time", message: "x" },
    });
    expect(asAdmin).toMatchObject({ status: 201, body: { createdById: admin.agent.id } });

    for (const [route, method] of [
      [getRoute, "GET"],
      [audienceRoute, "GET"],
      [sendRoute, "POST"],
      [activateRoute, "POST"],
      [pauseRoute, "POST"],
      [deleteRoute, "DELETE"],
    ] as const) {
      const res = await callApi(route, { key: service.key, method, params: { id: theirs.id } });
      expect(res, `${method} ${route.name}`).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    }
    expect(await db.campaign.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "draft" });
  });
});

describe("campaign API documentation", () => {
  it("describes every campaign route and method, with the request bodies", () => {
    const document = apiDocument();
    const root = path.resolve("app");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) =>
        statSync(path.join(dir, name)).isDirectory()
          ? files(path.join(dir, name))
          : name === "route.ts"
            ? [path.join(dir, name)]
            : [],
      );
    for (const file of files(path.join(root, "api/v1/campaigns"))) {
      const routePath = `/${path.relative(root, path.dirname(file))}`.replace(/\[(\w+)\]/g, "{$1}");
      const methods = [
        ...readFileSync(file, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ),
      ].map((m) => m[1]!.toLowerCase());
      for (const method of methods)
        expect(document.paths[routePath]?.[method], `${method.toUpperCase()} ${routePath}`).toBeDefined();
    }
    const create = document.paths["/api/v1/campaigns"]!.post as {
      requestBody: { content: { "application/json": { schema: { required: string[] } } } };
    };
    expect(create.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["name", "kind", "message"]),
    );
  });
});
