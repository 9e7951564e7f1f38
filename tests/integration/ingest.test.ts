import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { storeIncomingMessage } from "@/lib/messages/store-incoming-message";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { listFactsOf } from "@/lib/conversations/conversation-summary";
import { isUniqueViolation, sqlStateOf } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { messageSpamStrings } from "@/lib/spam-manager/conventions";

describe("POST /api/v1/messages (ingest)", () => {
  it("creates the contact, the conversation and the message, and answers 202", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    const res = await callApi(postMessage, {
      key: service.key,
      body: {
        channel: "email",
        from: "  Jane.Doe@Example.COM ",
        text: "My order never arrived",
        contact: { name: "Jane Doe" },
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ admitted: true });
    const message = await db.message.findUniqueOrThrow({
      where: { id: res.body.messageId },
      include: { conversation: true },
    });
    expect(message).toMatchObject({ direction: "in", body: "My order never arrived", tenantId: tenant.id });
    expect(message.conversation).toMatchObject({
      id: res.body.conversationId,
      contactId: res.body.contactId,
      channel: "email",
      status: "open",
      bucket: "active",
      lastMessagePreview: "My order never arrived",
    });
    const contact = await db.contact.findUniqueOrThrow({
      where: { id: res.body.contactId },
      include: { identities: true },
    });
    expect(contact.name).toBe("Jane Doe");
    expect(contact.identities).toEqual([
      expect.objectContaining({ channel: "email", identifier: "jane.doe@example.com" }),
    ]);
  });

  it("stores a message naming hundreds of links whole, and records the first twenty of each kind", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    const text = Array.from({ length: 559 }, (_, i) => `zqa${i}.io`)
      .join(" ")
      .slice(0, 5000);
    const res = await callApi(postMessage, { key: service.key, body: { channel: "webchat", from: "blaster", text } });
    expect(res.status).toBe(202);
    expect((await db.message.findUniqueOrThrow({ where: { id: res.body.messageId } })).body).toBe(text);
    const recorded = await db.spamStringOccurrence.findMany({
      where: { tenantId: tenant.id, messageId: res.body.messageId },
      select: { spamString: { select: { kind: true, value: true } } },
    });
    const values = (kind: string) =>
      recorded
        .filter((o) => o.spamString.kind === kind)
        .map((o) => o.spamString.value)
        .sort();
    const first20 = Array.from({ length: 20 }, (_, i) => `zqa${i}.io`).sort();
    expect(values("domain")).toEqual(first20);
    expect(values("url")).toEqual(first20);
    expect(await db.spamString.count({ where: { tenantId: tenant.id } })).toBe(40);
  });

  it("never moves a conversation's last activity backwards: an earlier-timed message stored last", async () => {
    // Two messages of one contact stored at once wait for the contact's lock in either order.
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    const store = (text: string, now: Date) =>
      storeIncomingMessage(db, {
        tenantId: tenant.id,
        input: { channel: "email", from: "race@example.com", text },
        identifier: "race@example.com",
        decision: { admitted: true },
        scores: null,
        spamStrings: [],
        now,
      });
    const later = new Date(Date.now() + 2000);
    const first = await store("the first", new Date(Date.now() - 2000));
    await store("the newest", later);
    await store("timed earlier, stored last", new Date(later.getTime() - 1000));
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: first.summary.id } });
    expect(conversation.lastMessageAt).toEqual(later);
    expect(conversation.lastMessagePreview).toBe("the newest");
    expect(await db.message.count({ where: { conversationId: first.summary.id } })).toBe(3);
  });

  it("normalizes phone numbers with the tenant's region, so both spellings reach the same conversation", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db, { defaultPhoneRegion: "GB" });
    const first = await receiveMessage(db, service, { channel: "whatsapp", from: "+44 7700 900123", text: "one" });
    const second = await receiveMessage(db, service, { channel: "whatsapp", from: "07700900123", text: "two" });
    expect(second.contactId).toBe(first.contactId);
    expect(second.conversationId).toBe(first.conversationId);
    const identity = await db.contactIdentity.findFirstOrThrow({ where: { contactId: first.contactId } });
    expect(identity.identifier).toBe("+447700900123");
    expect(await db.message.count({ where: { conversationId: first.conversationId } })).toBe(2);
  });

  it("keeps channels apart: the same number on another channel is another identity", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db, { defaultPhoneRegion: "GB" });
    const whatsapp = await receiveMessage(db, service, { channel: "whatsapp", from: "07700900124" });
    const phone = await receiveMessage(db, service, { channel: "ip_telephony", from: "07700900124" });
    expect(phone.conversationId).not.toBe(whatsapp.conversationId);
  });

  it("starts a new conversation once the previous one is resolved, and reopens it when named", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const first = await receiveMessage(db, service, { from: "+15550100001" });
    await db.conversation.update({
      where: { id: first.conversationId },
      data: { status: "resolved", bucket: "resolved" },
    });
    const next = await receiveMessage(db, service, { from: "+15550100001" });
    expect(next.conversationId).not.toBe(first.conversationId);

    const reopened = await receiveMessage(db, service, { from: "+15550100001", conversationId: first.conversationId });
    expect(reopened.conversationId).toBe(first.conversationId);
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: first.conversationId },
      include: { events: true },
    });
    expect(conversation).toMatchObject({ status: "open", bucket: "active" });
    expect(conversation.events.map((e) => e.type)).toContain("reopened_by_contact");
  });

  it("refuses a conversationId of another contact or tenant with 404", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const other = await createTeam(db);
    const theirs = await receiveMessage(db, other.service, { from: "+15550100002" });
    const res = await callApi(postMessage, {
      key: service.key,
      body: { channel: "whatsapp", from: "+15550100003", text: "hi", conversationId: theirs.conversationId },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("links an authenticated user by external id across identifiers", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const a = await receiveMessage(db, service, {
      channel: "webchat",
      from: "visitor-a",
      contact: { externalId: "u-1", authenticated: true },
    });
    const b = await receiveMessage(db, service, {
      channel: "email",
      from: "u1@example.com",
      contact: { externalId: "u-1", authenticated: true },
    });
    expect(b.contactId).toBe(a.contactId);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: a.contactId }, include: { identities: true } });
    expect(contact.authenticated).toBe(true);
    expect(contact.identities.map((i) => i.channel).sort()).toEqual(["email", "webchat"]);
  });

  it("answers from its one database call the summary, list facts and message row the readers read", async () => {
    const db = testDatabase().prisma;
    const { tenant, service, agent } = await createTeam(db);
    const first = await receiveMessage(db, service, { channel: "email", from: "summary@example.com", text: "Hello" });
    // An assignee, a queue time and labels: every join of the summary has something to return.
    const labels = [
      await db.label.create({ data: { tenantId: tenant.id, name: "VIP", color: "amber" } }),
      await db.label.create({ data: { tenantId: tenant.id, name: "Billing" } }),
    ];
    for (const label of labels)
      await db.conversationLabel.create({ data: { conversationId: first.conversationId, labelId: label.id } });
    await db.conversation.update({
      where: { id: first.conversationId },
      data: { assigneeId: agent.agent.id, queuedAt: new Date() },
    });
    const before = await readConversationSummary(db, tenant.id, first.conversationId);

    const stored = await storeIncomingMessage(db, {
      tenantId: tenant.id,
      input: { channel: "email", from: "summary@example.com", text: "Hello again" },
      identifier: "summary@example.com",
      decision: { admitted: true },
      scores: {
        asFirstMessage: { score: 0.9, reasons: [] },
        asKnownContact: { score: 0.25, reasons: [{ kind: "word", text: "hello", weight: 0.5 }] },
        suspectThreshold: null,
      },
      spamStrings: [],
      now: new Date(),
    });
    expect(stored.contactCreated).toBe(false);
    expect(stored.previous).toEqual(listFactsOf(before));
    expect(stored.summary).toEqual(await readConversationSummary(db, tenant.id, first.conversationId));
    expect(stored.summary).toMatchObject({
      assignee: { id: agent.agent.id },
      spamScore: 0.25,
      lastMessagePreview: "Hello again",
    });
    expect(stored.summary.labels.map((label) => label.name)).toEqual(["VIP", "Billing"]);
    expect(stored.message).toEqual(await db.message.findUniqueOrThrow({ where: { id: stored.message.id } }));
  });

  it("stores the applying score's reasons (sent once when both ways agree); answers what readers read", async () => {
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    const word = (text: string, weight: number) => ({ kind: "word" as const, text, weight });
    const signal = { kind: "signal" as const, text: "first message of a new contact", weight: 0.75 };
    const store = (from: string, text: string, scores: Parameters<typeof storeIncomingMessage>[1]["scores"]) =>
      storeIncomingMessage(db, {
        tenantId: tenant.id,
        input: { channel: "email", from, text },
        identifier: from,
        decision: { admitted: true },
        scores,
        spamStrings: [],
        now: new Date(),
      });
    const expectAsRead = async (stored: Awaited<ReturnType<typeof store>>) => {
      expect(stored.summary).toEqual(await readConversationSummary(db, tenant.id, stored.summary.id));
      expect(stored.message).toEqual(await db.message.findUniqueOrThrow({ where: { id: stored.message.id } }));
    };

    // A new contact whose first-message reasons differ from the known-contact ones: the first apply.
    const prize = [word("prize", 1.5), word("claim", 1.1)];
    const first = await store("reasons@example.com", "Claim your prize", {
      asFirstMessage: { score: 0.8, reasons: [signal, ...prize] },
      asKnownContact: { score: 0.6, reasons: prize },
      suspectThreshold: null,
    });
    expect(first.contactCreated).toBe(true);
    expect(first.message).toMatchObject({ spamScore: 0.8, spamReasons: [signal, ...prize] });
    expect(first.summary).toMatchObject({ spamScore: 0.8, spamReasons: [signal, ...prize] });
    await expectAsRead(first);

    // A known contact's lower-scoring message: its own reasons, the conversation keeps the highest's.
    const hello = [word("hello", -0.4)];
    const second = await store("reasons@example.com", "hello", {
      asFirstMessage: { score: 0.2, reasons: hello },
      asKnownContact: { score: 0.1, reasons: hello },
      suspectThreshold: null,
    });
    expect(second.message).toMatchObject({ spamScore: 0.1, spamReasons: hello });
    expect(second.summary).toMatchObject({ spamScore: 0.8, spamReasons: [signal, ...prize] });
    await expectAsRead(second);

    // A new contact whose reasons are the same both ways (sent once): stored and answered in full.
    const third = await store("same@example.com", "win a prize", {
      asFirstMessage: { score: 0.7, reasons: prize },
      asKnownContact: { score: 0.65, reasons: prize },
      suspectThreshold: null,
    });
    expect(third.contactCreated).toBe(true);
    expect(third.message).toMatchObject({ spamScore: 0.7, spamReasons: prize });
    expect(third.summary).toMatchObject({ spamScore: 0.7, spamReasons: prize });
    await expectAsRead(third);
  });

  it("keeps the instants whatever the process's time zone is", async () => {
    // The columns are timestamptz and the function's JSON carries each time with its offset: a process in
    // another zone (a developer's laptop) must see the same instants. Database sessions are UTC
    // (lib/db/postgres-adapter.ts; PGlite's default), which the adapters' readers rely on.
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const now = new Date("2026-12-04T23:30:00.123Z");
      const stored = await storeIncomingMessage(db, {
        tenantId: tenant.id,
        input: { channel: "email", from: "zones@example.com", text: "What time is it?" },
        identifier: "zones@example.com",
        decision: { admitted: true },
        scores: null,
        spamStrings: [],
        now,
      });
      expect(stored.summary).toMatchObject({
        lastMessageAt: now.toISOString(),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      expect(stored.summary).toEqual(await readConversationSummary(db, tenant.id, stored.summary.id));
      const message = await db.message.findUniqueOrThrow({ where: { id: stored.message.id } });
      expect(message.createdAt.toISOString()).toBe(now.toISOString());
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("creates exactly one contact when a new sender's first messages arrive at once", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        receiveMessage(db, service, { channel: "messenger", from: "psid-42", text: `m${i}` }),
      ),
    );
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    expect(await db.message.count({ where: { conversation: { contactId: results[0]!.contactId } } })).toBe(5);
  });

  it("stores messages that arrive together as one group, in order per sender; one that fails fails alone", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    const theirs = await receiveMessage(db, service, { channel: "email", from: "owner@example.com", text: "mine" });
    const store = (from: string, text: string, conversationId?: string) =>
      storeIncomingMessage(db, {
        tenantId: tenant.id,
        input: { channel: "email", from, text, ...(conversationId ? { conversationId } : {}) },
        identifier: from,
        decision: { admitted: true },
        scores: null,
        spamStrings: messageSpamStrings(text, "US"),
        now: new Date(),
      });
    // Started in one turn: they go to the database as one group (lib/db/group-commit.ts).
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => store(`group${i}@example.com`, `see https://shop${i % 3}-deals.com/x`)),
      store("intruder@example.com", "let me in https://shop0-deals.com/x", theirs.conversationId),
      store("group0@example.com", "and again"),
    ]);
    const stored = outcomes.map((o) => (o.status === "fulfilled" ? o.value : null));
    expect(stored.filter(Boolean)).toHaveLength(11);
    expect(outcomes[10]).toMatchObject({ status: "rejected", reason: expect.any(NotFound) });
    // The sender's second message of the group came after its first, in the same conversation.
    expect(stored[11]!.summary.id).toBe(stored[0]!.summary.id);
    expect(stored[11]!.contactCreated).toBe(false);
    expect(await db.message.count({ where: { conversationId: stored[0]!.summary.id } })).toBe(2);
    // Nothing of the failed message was kept: no contact, no message, no occurrence of its link.
    expect(await db.contact.count({ where: { tenantId: tenant.id, name: "intruder@example.com" } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: theirs.conversationId } })).toBe(1);
    const occurrences = await db.spamStringOccurrence.count({ where: { tenantId: tenant.id } });
    expect(occurrences).toBe(20); // ten messages, a URL and its domain each
    expect(await db.spamString.count({ where: { tenantId: tenant.id } })).toBe(6);
  });

  it("recognises a unique violation raised in the ingest function (it makes a race's loser retry)", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    const first = await receiveMessage(db, service, { channel: "email", from: "race@example.com" });
    // A new sender whose identity row would reuse an existing id: the same 23505 as a lost identity race.
    const identityId = (await db.contactIdentity.findFirstOrThrow({ where: { contactId: first.contactId } })).id;
    const error = await db.$queryRaw`
      SELECT "bouncer_receive_incoming_message"(${tenant.id}::text, 'email'::"Channel", 'other@example.com'::text,
        NULL::text, NULL::text, false, NULL::text, 'hi'::text, 'hi'::text, now(), false, gen_random_uuid()::text,
        ${identityId}::text, gen_random_uuid()::text, gen_random_uuid()::text, gen_random_uuid()::text,
        NULL::float8, NULL::jsonb, NULL::float8, NULL::jsonb, NULL::float8)`.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(sqlStateOf(error)).toBe("23505");
    expect(isUniqueViolation(error)).toBe(true);
    // Nothing of the failed call stayed behind.
    expect(await db.contact.count({ where: { tenantId: tenant.id, name: "other@example.com" } })).toBe(0);
  });

  it("answers 400 naming each bad field, and 400 for a body that is not JSON", async () => {
    const db = testDatabase().prisma;
    const { service } = await createTeam(db);
    const bad = await callApi(postMessage, { key: service.key, body: { channel: "fax", from: "x", text: "" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(["channel", "text"]);

    const badPhone = await callApi(postMessage, {
      key: service.key,
      body: { channel: "whatsapp", from: "not a number", text: "hi" },
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.fields).toEqual([
      { field: "from", message: expect.stringContaining("phone number") },
    ]);

    const notJson = await callApi(postMessage, { key: service.key, rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_json");

    const authenticatedWithoutId = await callApi(postMessage, {
      key: service.key,
      body: { channel: "webchat", from: "v1", text: "hi", contact: { authenticated: true } },
    });
    expect(authenticatedWithoutId.status).toBe(400);
    expect(authenticatedWithoutId.body.error.details.fields[0].field).toBe("contact.externalId");
  });
});
