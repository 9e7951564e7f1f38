// Domain events after commit: ingest stores the message (and its spam strings' record) and returns; its
// listeners run afterwards — realtime and notifications at once, rules and campaigns as queued jobs.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { createCampaignFor } from "../factories/campaigns";
import { pauseCampaign } from "@/lib/campaigns/manage-campaigns";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { eventsHealth, whenEventsIdle } from "@/lib/events/dispatch";
import { LISTENERS } from "@/lib/events/listeners";
import { domainEvent, type CarriedSpamString, type DomainEventOf } from "@/lib/events/event-map";
import { GET as getHealth } from "@/app/api/health/route";
import { checkHealth, FAILURE_DETAILS_ELSEWHERE, HEALTH_REUSE_MS, publicHealth } from "@/lib/health";

describe("domain events after commit", () => {
  it("names every listener once, each on an event of the map, after commit or as a job", () => {
    const names = LISTENERS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    expect(LISTENERS.filter((l) => l.runs === "job").map((l) => l.name)).toEqual([
      "spam-manager.record-strings-and-run-rules",
      "spam-detection.learn-from-reply",
      "campaigns.ongoing-for-new-contact",
      "campaigns.ongoing-for-updated-contact",
      "campaigns.ongoing-for-unmarked-contact",
    ]);
  });

  it("queues the Spam Manager's job only for a message it has work for", () => {
    const job = LISTENERS.find((l) => l.name === "spam-manager.record-strings-and-run-rules");
    if (job?.event !== "message.received" || !job.queueIf) throw new Error("the listener lost its queueIf");
    type Received = DomainEventOf<"message.received">;
    // Only what the decision reads; the rest of the event does not matter to it.
    const event = (carried: Pick<Received, "spamStrings" | "spamScore" | "spamStringsRecorded">) => carried as Received;
    const link: CarriedSpamString = {
      kind: "url",
      value: "http://prizes.com/buy",
      domain: "prizes.com",
      raw: "http://prizes.com/buy",
      obfuscated: false,
    };
    // No strings found, no "score ≥ X" rule: nothing to record or judge.
    expect(job.queueIf(event({ spamStrings: [] }))).toBe(false);
    // Recorded with the message: only a tenant with enabled rules has work left (running them).
    expect(job.queueIf(event({ spamStrings: [link], spamStringsRecorded: { tenantHasRules: false } }))).toBe(false);
    expect(job.queueIf(event({ spamStrings: [link], spamStringsRecorded: { tenantHasRules: true } }))).toBe(true);
    // Not recorded with the message (that failed): the job records them.
    expect(job.queueIf(event({ spamStrings: [link] }))).toBe(true);
    expect(job.queueIf(event({ spamStrings: [], spamScore: 0.97 }))).toBe(true);
    // Queued before ingest extracted every message's strings: the job extracts them itself.
    expect(job.queueIf(event({}))).toBe(true);
  });

  it("ingest answers once stored; its queued listeners record spam strings and send campaigns", async () => {
    const db = testDatabase().prisma;
    const { tenant, admin, service } = await createTeam(db);
    const campaign = await createCampaignFor(db, admin.actor, {
      kind: "ongoing",
      audience: [{ kind: "channel", op: "eq", value: "whatsapp" }],
      message: "Welcome",
      activate: true,
    });

    const received = await receiveIncomingMessage({
      db,
      actor: service,
      input: { channel: "whatsapp", from: "+15550199001", text: "cheap pills at http://prizes.com/buy" },
    });
    // Stored before any listener ran: the answer's ids are committed rows.
    expect(await db.message.findUnique({ where: { id: received.messageId }, select: { body: true } })).toEqual({
      body: "cheap pills at http://prizes.com/buy",
    });

    await whenEventsIdle();
    const strings = await db.spamStringOccurrence.findMany({
      where: { messageId: received.messageId },
      select: { spamString: { select: { kind: true, value: true } } },
    });
    expect(strings.map((s) => s.spamString)).toEqual(expect.arrayContaining([{ kind: "domain", value: "prizes.com" }]));
    expect(
      await db.campaignRecipient.count({ where: { campaignId: campaign.id, contactId: received.contactId } }),
    ).toBe(1);
    expect(await db.outboxMessage.count({ where: { tenantId: tenant.id, campaignId: campaign.id } })).toBe(1);
    expect(await eventsHealth(db)).toMatchObject({ pending: 0, failed: 0, afterCommitFailures: 0 });
  });

  it("records a message's spam strings with it: no job for a tenant without rules", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const received = await receiveIncomingMessage({
      db,
      actor: service,
      input: { channel: "whatsapp", from: "+15550199009", text: "cheap pills at http://prizes.com/buy" },
    });
    // Nothing was queued (no rules, no ongoing campaign), and the strings are committed with the message.
    expect(await eventsHealth(db)).toMatchObject({ pending: 0, failed: 0 });
    const strings = await db.spamStringOccurrence.findMany({
      where: { messageId: received.messageId },
      select: { contactId: true, conversationId: true, spamString: { select: { kind: true, value: true } } },
    });
    expect(strings).toEqual(
      expect.arrayContaining([
        {
          contactId: received.contactId,
          conversationId: received.conversationId,
          spamString: { kind: "domain", value: "prizes.com" },
        },
      ]),
    );
  });

  it("keeps a message whose spam strings cannot be recorded with it: its job records them", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    // The first occurrence insert fails (a sequence is not rolled back with the statement), later ones pass.
    await db.$executeRawUnsafe("CREATE SEQUENCE occurrence_attempts");
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_first_occurrence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('occurrence_attempts') = 1 THEN RAISE EXCEPTION 'occurrence refused'; END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_first_occurrence BEFORE INSERT ON "SpamStringOccurrence"
      FOR EACH ROW EXECUTE FUNCTION refuse_first_occurrence()`);
    try {
      const received = await receiveIncomingMessage({
        db,
        actor: service,
        input: { channel: "whatsapp", from: "+15550199010", text: "visit http://refused-once.com/now" },
      });
      expect(await db.message.count({ where: { id: received.messageId } })).toBe(1);
      await whenEventsIdle();
      const values = await db.spamStringOccurrence.findMany({
        where: { messageId: received.messageId },
        select: { spamString: { select: { value: true } } },
      });
      expect(values.map((o) => o.spamString.value).sort()).toEqual(["refused-once.com", "refused-once.com/now"]);
      expect(await eventsHealth(db)).toMatchObject({ pending: 0, failed: 0 });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_first_occurrence ON "SpamStringOccurrence"`);
      await db.$executeRawUnsafe("DROP FUNCTION refuse_first_occurrence()");
      await db.$executeRawUnsafe("DROP SEQUENCE occurrence_attempts");
    }
  });

  it("queues a new contact's campaigns job only while the tenant has an active ongoing campaign", async () => {
    const job = LISTENERS.find((l) => l.name === "campaigns.ongoing-for-new-contact");
    if (job?.event !== "contact.created" || !job.queueIf) throw new Error("the listener lost its queueIf");
    const created = (ongoingCampaigns?: boolean) =>
      domainEvent("contact.created", { tenantId: "t", contactId: "c", ongoingCampaigns });
    expect(job.queueIf(created(false))).toBe(false);
    expect(job.queueIf(created(true))).toBe(true);
    // Created elsewhere than ingest (the creator did not look): queued, the job finds out.
    expect(job.queueIf(created(undefined))).toBe(true);

    // Ingest knows from memory, and hears when a campaign starts or pauses (a trigger notifies).
    const db = testDatabase().prisma;
    const { admin, service } = await createTeam(db);
    const receive = (from: string) =>
      receiveIncomingMessage({ db, actor: service, input: { channel: "whatsapp", from, text: "hello" } });
    const recipients = (campaignId: string, contactId: string) =>
      db.campaignRecipient.count({ where: { campaignId, contactId } });
    const before = await receive("+15550199101"); // the tenant's settings are cached: no ongoing campaign
    const campaign = await createCampaignFor(db, admin.actor, {
      kind: "ongoing",
      audience: [{ kind: "channel", op: "eq", value: "whatsapp" }],
      message: "Welcome",
      activate: true,
    });
    const during = await receive("+15550199102");
    await whenEventsIdle(); // its job runs before the pause (a paused campaign is not sent)
    await pauseCampaign({ db, actor: admin.actor, campaignId: campaign.id });
    const after = await receive("+15550199103");
    await whenEventsIdle();
    expect(await recipients(campaign.id, before.contactId)).toBe(0);
    expect(await recipients(campaign.id, during.contactId)).toBe(1);
    expect(await recipients(campaign.id, after.contactId)).toBe(0);
    expect(await eventsHealth(db)).toMatchObject({ pending: 0, failed: 0 });
  });

  it("GET /api/health shows the listener queue", async () => {
    const response = await getHealth();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      db: "ok",
      events: {
        // The durable queue whenever the database is PostgreSQL (DATABASE_URL).
        queue: testDatabase().kind === "postgres" ? "postgres" : "in-process",
        pending: 0,
        failed: 0,
        retried: 0,
        afterCommitFailures: 0,
        lastFailure: null,
      },
    });
  });

  it("GET /api/health names a failed job and its time, never its error: it can quote any tenant's data", async () => {
    const health = await checkHealth();
    const failure = { job: "spam-manager.record-strings-and-run-rules", at: new Date().toISOString() };
    const failed = {
      ...health,
      events: { ...health.events, failed: 1, lastFailure: { ...failure, error: 'value "+15550100" of tenant t1' } },
    };
    expect(publicHealth(failed).events).toMatchObject({
      failed: 1,
      lastFailure: { ...failure, error: FAILURE_DETAILS_ELSEWHERE },
    });
    expect(JSON.stringify(publicHealth(failed))).not.toContain("+15550100");
    expect(publicHealth(health)).toEqual(health);
  });

  it("checks health once a second however many ask: a script hammering it costs one check", async () => {
    const at = Date.now() + 60_000; // a second of its own, after the test above
    const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => checkHealth(at + (i % 10) * 50)));
    expect(new Set(burst).size).toBe(1);
    expect(burst[0]).toMatchObject({ status: "ok", db: "ok" });
    const nextSecond = await checkHealth(at + HEALTH_REUSE_MS);
    expect(nextSecond).not.toBe(burst[0]);
    expect(nextSecond).toMatchObject({ status: "ok" });
  });
});
