// Flood control at ingest (lib/admission/sender-flood.ts, lib/messages/cheap-lane.ts), through the
// real route handler: per-sender buckets (normal lane, cheap lane, 429 past the hard cap), the API key
// never pushed into 429 by one sender, every 202 stored exactly once under concurrency, and a flood —
// banned or not — that does not starve another sender (asserted by order, not by timings).
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { createBan } from "@/lib/blacklist/manage-bans";
import { SENDER_LIMITS } from "@/lib/admission/sender-limits";
import { apiDocument } from "@/app/api/v1/operations";
import { createSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule } from "@/lib/spam-manager/spam-rules";
import { DEFAULT_RULE_WINDOW_MINUTES } from "@/lib/spam-manager/action-schemas";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { listActionLog } from "@/lib/spam-manager/action-log";
import { storeInCheapLane } from "@/lib/messages/cheap-lane";
import { flushConversationActivity, noteConversationActivity } from "@/lib/messages/conversation-activity";
import { receiveInGroup, type CheapLaneCall } from "@/lib/messages/receive-group";
import { uuidv7 } from "@/lib/db/ids";

type Team = Awaited<ReturnType<typeof createTeam>>;

const post = (team: Team, from: string, text: string, channel = "whatsapp") =>
  callApi(postMessage, { path: "/api/v1/messages", key: team.service.key, body: { channel, from, text } });

describe("flood control per sender", () => {
  it("puts a sender over its rate in the cheap lane, refuses past the cap (Retry-After); others unharmed", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const flooder = "+447700900001";
    const answers: Array<{ status: number; flooding: boolean; retryAfter: string | null; messageId?: string }> = [];
    // In waves of 12 at once until refusals come (the buckets refill meanwhile, so how many that takes
    // depends on the machine's speed; the order of lanes does not).
    for (let wave = 0; wave < 100 && !answers.some((a) => a.status === 429); wave++) {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(team, flooder, `message ${wave}.${i}`)),
      );
      for (const res of results)
        answers.push({
          status: res.status,
          flooding: Boolean(res.body?.flooding),
          retryAfter: res.headers.get("retry-after"),
          messageId: res.body?.messageId,
        });
    }
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted.length + refused.length).toBe(answers.length);
    // The normal burst, then the cheap lane, then refusals.
    const normal = accepted.filter((a) => !a.flooding);
    expect(normal.length).toBeGreaterThanOrEqual(SENDER_LIMITS.normal.burst);
    expect(answers.slice(0, 12).every((a) => a.status === 202 && !a.flooding)).toBe(true);
    expect(accepted.length - normal.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.findIndex((a) => a.status === 429)).toBeGreaterThan(answers.findIndex((a) => a.flooding));
    for (const a of refused) expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);

    // Every 202 is stored, once.
    const stored = await db.message.findMany({ where: { tenantId: team.tenant.id }, select: { id: true, body: true } });
    expect(stored.map((m) => m.id).sort()).toEqual(accepted.map((a) => a.messageId).sort());

    // The key is not spent: another sender on the same key is answered normally.
    const other = await post(team, "+447700900002", "hello, I need help");
    expect(other.status).toBe(202);
    expect(other.body).toMatchObject({ admitted: true });
    expect(other.body.flooding).toBeUndefined();
  }, 120_000);

  it("stores every 202 exactly once while many senders and one flooder post concurrently", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const senders = Array.from({ length: 20 }, (_, i) => `+4477009${String(10_000 + i)}`);
    const requests = [
      ...senders.flatMap((from) => Array.from({ length: 4 }, (_, i) => ({ from, text: `customer ${from} #${i}` }))),
      ...Array.from({ length: 60 }, (_, i) => ({ from: "+447700900999", text: `flood #${i}` })),
    ];
    // Shuffled so that the flooder's requests interleave with everyone's.
    requests.sort(
      (a, b) =>
        ((a.text.length * 7919 + a.text.charCodeAt(a.text.length - 1)) % 97) -
        ((b.text.length * 7919 + b.text.charCodeAt(b.text.length - 1)) % 97),
    );
    const answers = await Promise.all(requests.map((r) => post(team, r.from, r.text)));
    for (const answer of answers) expect([202, 429]).toContain(answer.status);
    const accepted = answers.filter((a) => a.status === 202);
    // Customers (4 messages each, within the normal burst) are never refused.
    expect(answers.filter((a, i) => a.status !== 202 && requests[i]!.from !== "+447700900999")).toEqual([]);
    const stored = await db.message.findMany({ where: { tenantId: team.tenant.id }, select: { id: true, body: true } });
    expect(stored).toHaveLength(accepted.length);
    expect(new Set(stored.map((m) => m.id))).toEqual(new Set(accepted.map((a) => a.body.messageId)));
    // One conversation per sender, whatever raced.
    expect(await db.conversation.count({ where: { tenantId: team.tenant.id } })).toBe(senders.length + 1);
  }, 120_000);

  it("documents the 429 and its Retry-After on the messages operation", () => {
    const operation = apiDocument().paths["/api/v1/messages"]!.post as {
      summary: string;
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    expect(operation.responses["429"]?.headers).toHaveProperty("Retry-After");
    expect(operation.summary).toContain(`${SENDER_LIMITS.hardCap.burst} at once`);
  });

  for (const banned of [true, false]) {
    it(`a ${banned ? "banned" : "flooding"} sender on 20 connections does not starve a customer`, async () => {
      const db = testDatabase().prisma;
      const team = await createTeam(db);
      const flooder = "+447700900666";
      const customer = "+447700900777";
      if (banned)
        await createBan({
          db,
          actor: team.admin.actor,
          input: { channel: "whatsapp", identifier: flooder, reason: "flood" },
          source: "admin_add",
        });
      await post(team, flooder, "first"); // its conversation exists: the flood runs in the cheap lane
      await post(team, customer, "hello");

      let customerDone = false;
      let floodAttempts = 0;
      let floodAnswersAfterCustomer = 0;
      // Far more than the customer needs in any fair share of the machine: the bound only stops a starved test.
      const FLOOD_ATTEMPTS_MAX = 50_000;
      const floodWorker = async () => {
        while (!customerDone && floodAttempts < FLOOD_ATTEMPTS_MAX) {
          // Requests arrive as I/O events: a refusal answered from memory alone would otherwise never
          // leave the microtask queue, and this in-process loop would starve everything else.
          await new Promise((resolve) => setImmediate(resolve));
          floodAttempts++;
          const res = await post(team, flooder, `spam ${floodAttempts} https://spam.example/win`);
          expect([202, 429]).toContain(res.status);
        }
        if (customerDone) floodAnswersAfterCustomer++;
      };
      const customerRun = (async () => {
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push(await post(team, customer, `customer message ${i}`));
        customerDone = true;
        return answers;
      })();
      const flood = Array.from({ length: 20 }, floodWorker);
      const answers = await customerRun;
      await Promise.all(flood);

      // The customer finished while the flood was still going (it was not made to wait for it to end).
      expect(floodAttempts).toBeLessThan(FLOOD_ATTEMPTS_MAX);
      expect(floodAnswersAfterCustomer).toBe(20);
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.body).toMatchObject({ admitted: true });
        expect(answer.body.flooding).toBeUndefined();
      }
      const conversation = await db.conversation.findFirstOrThrow({
        where: { tenantId: team.tenant.id, contact: { identities: { some: { identifier: customer } } } },
      });
      expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(6);
      expect(conversation.bucket).toBe("active");
    });
  }
});

describe("the cheap lane", () => {
  it("stores a banned sender's message and its strings in one statement and runs the tenant's rules", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const flag = await createSpamAction({ db, actor: sam, input: { name: "Flag", type: "flag_review", params: {} } });
    await createSpamRule({
      db,
      actor: sam,
      input: {
        name: "Denied → flag",
        trigger: "denied_string",
        actionId: flag.id,
        enabled: true,
        params: { windowMinutes: DEFAULT_RULE_WINDOW_MINUTES },
      },
    });
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "winprizes.com" } });
    const spammer = "+447700900888";
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: spammer, reason: "spam" },
      source: "admin_add",
    });
    const first = await post(team, spammer, "first"); // no conversation yet: the normal path holds one
    const seenAt = (await db.contact.findUniqueOrThrow({ where: { id: first.body.contactId } })).lastSeenAt;

    const res = await post(team, spammer, "call +44 20 7946 0000 or see https://winprizes.com/prize");
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ admitted: false, reason: "banned", conversationId: first.body.conversationId });
    expect(await db.message.findUniqueOrThrow({ where: { id: res.body.messageId } })).toMatchObject({
      conversationId: first.body.conversationId,
      body: "call +44 20 7946 0000 or see https://winprizes.com/prize",
      spamScore: null,
    });
    // The cheap lane touches no contact.
    expect((await db.contact.findUniqueOrThrow({ where: { id: first.body.contactId } })).lastSeenAt).toEqual(seenAt);
    // Its conversation's last activity is written behind (within a second), and never moves back.
    const conversation = () =>
      db.conversation.findUniqueOrThrow({
        where: { id: first.body.conversationId },
        select: { lastMessageAt: true, lastMessagePreview: true },
      });
    const stored = await db.message.findUniqueOrThrow({ where: { id: res.body.messageId } });
    await flushConversationActivity();
    expect(await conversation()).toEqual({
      lastMessageAt: stored.createdAt,
      lastMessagePreview: "call +44 20 7946 0000 or see https://winprizes.com/prize",
    });
    noteConversationActivity(first.body.conversationId, new Date(stored.createdAt.getTime() - 1000), "older");
    await flushConversationActivity();
    expect((await conversation()).lastMessagePreview).toBe("call +44 20 7946 0000 or see https://winprizes.com/prize");
    const occurrences = await db.spamStringOccurrence.findMany({
      where: { messageId: res.body.messageId },
      include: { spamString: { select: { kind: true, value: true } } },
    });
    expect(occurrences.map((o) => o.spamString)).toEqual(
      expect.arrayContaining([
        { kind: "domain", value: "winprizes.com" },
        { kind: "phone", value: expect.stringContaining("2079460000") },
      ]),
    );
    for (const occurrence of occurrences)
      expect(occurrence).toMatchObject({
        tenantId: team.tenant.id,
        contactId: first.body.contactId,
        conversationId: first.body.conversationId,
        channel: "whatsapp",
      });
    const log = await listActionLog.fromUntrusted({ db, actor: sam, input: {} });
    expect(log.items.map((l) => [l.action.name, l.status, l.manual])).toEqual([["Flag", "completed", false]]);
  });

  it("continues the sender's own open chat: never a resolved one, another sender's, another tenant's", async () => {
    const db = testDatabase().prisma;
    const [team, other] = [await createTeam(db), await createTeam(db)];
    const spammer = "+447700900887";
    const ban = (t: Team, identifier: string) =>
      createBan({
        db,
        actor: t.admin.actor,
        input: { channel: "whatsapp", identifier, reason: "spam" },
        source: "admin_add",
      });
    const spammersBan = await ban(team, spammer);
    await ban(team, "+447700900886");
    await ban(other, spammer);
    const resolved = await post(team, spammer, "first"); // no conversation yet: the normal path holds one
    // The sender's chat is resolved, and its latest by last activity; the next message opens another.
    await db.conversation.update({
      where: { id: resolved.body.conversationId },
      data: { status: "resolved", lastMessageAt: new Date(Date.now() + 60_000) },
    });
    const current = await post(team, spammer, "again");
    expect(current.body.conversationId).not.toBe(resolved.body.conversationId);
    // Other banned chats, newer than the sender's: the tenant's and another tenant's with the same number.
    const neighbour = await post(team, "+447700900886", "hello");
    const elsewhere = await post(other, spammer, "hello");

    const stored = await storeInCheapLane(
      db,
      { tenantId: team.tenant.id, channel: "whatsapp", identifier: spammer },
      { cheap: true, why: "banned", banId: spammersBan.ban.id },
      { channel: "whatsapp", from: spammer, text: "see https://winprizes.com/prize" },
      "GB",
    );
    expect(stored).toMatchObject({ conversationId: current.body.conversationId, contactId: current.body.contactId });
    expect(await db.message.findUniqueOrThrow({ where: { id: stored!.messageId } })).toMatchObject({
      tenantId: team.tenant.id,
      conversationId: current.body.conversationId,
    });
    for (const untouched of [resolved, neighbour, elsewhere])
      expect(await db.message.count({ where: { conversationId: untouched.body.conversationId } })).toBe(1);
    // The lane must match: the same sender, not banned, has no chat to continue here (the normal path moves it).
    const asFlooding = await storeInCheapLane(
      db,
      { tenantId: team.tenant.id, channel: "whatsapp", identifier: spammer },
      { cheap: true, why: "flooding" },
      { channel: "whatsapp", from: spammer, text: "more" },
      "GB",
    );
    expect(asFlooding).toBeNull();
  });

  it("stores neither message nor strings when the sender has no conversation to continue there", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sender = { tenantId: team.tenant.id, channel: "whatsapp" as const, identifier: "+447700900889" };
    const text = "see https://nowhere.example/now";
    const stored = await storeInCheapLane(
      db,
      sender,
      { cheap: true, why: "flooding" },
      { channel: "whatsapp", from: sender.identifier, text },
      "GB",
    );
    expect(stored).toBeNull();
    expect(await db.message.count({ where: { tenantId: team.tenant.id } })).toBe(0);
    expect(await db.spamString.count({ where: { tenantId: team.tenant.id } })).toBe(0);
  });
  it("stores cheap-lane messages that arrive together as one group; one that fails fails alone", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const senders = Array.from({ length: 6 }, (_, i) => `+44770090070${i}`);
    for (const identifier of senders) {
      await createBan({
        db,
        actor: team.admin.actor,
        input: { channel: "whatsapp", identifier, reason: "spam" },
        source: "admin_add",
      });
    }
    const chats = new Map<string, string>();
    for (const identifier of senders)
      chats.set(identifier, (await post(team, identifier, "first")).body.conversationId);
    const string = (kind: "url" | "domain", value: string) => ({
      id: uuidv7(),
      occurrenceId: uuidv7(),
      kind,
      value,
      domain: kind === "url" ? "winprizes.com" : null,
      raw: `https://${value}`,
      obfuscated: false,
      knownId: null,
    });
    const call = (identifier: string, i: number, messageId = uuidv7()): CheapLaneCall => ({
      lane: "cheap",
      tenantId: team.tenant.id,
      channel: "whatsapp",
      identifier,
      conversationId: null,
      banned: true,
      messageId,
      body: `prize ${i} at https://winprizes.com/${i}`,
      now: new Date().toISOString(),
      // Every message has the domain (one row for all), and a URL of its own.
      spamStrings: [string("domain", "winprizes.com"), string("url", `winprizes.com/${i}`)],
    });

    // Started in one turn: one group (lib/db/group-commit.ts); a sender without a chat is answered "not stored".
    const together = await Promise.all([
      ...senders.map((identifier, i) => receiveInGroup(db, call(identifier, i))),
      receiveInGroup(db, call("+447700900799", 99)),
    ]);
    for (const [i, identifier] of senders.entries()) {
      expect(together[i]!.stored).toEqual({ conversationId: chats.get(identifier), contactId: expect.any(String) });
    }
    expect(together[6]!.stored).toBeNull();
    expect(await db.message.count({ where: { tenantId: team.tenant.id, body: { startsWith: "prize" } } })).toBe(6);
    const domain = await db.spamString.findUniqueOrThrow({
      where: { tenantId_kind_value: { tenantId: team.tenant.id, kind: "domain", value: "winprizes.com" } },
      include: { _count: { select: { occurrences: true } } },
    });
    expect(domain._count.occurrences).toBe(6);
    expect(await db.spamString.count({ where: { tenantId: team.tenant.id, kind: "url" } })).toBe(6);
    // Each message learns the ids of the strings upserted for it.
    expect(together[0]!.spamStringIds).toEqual(
      expect.arrayContaining([
        ["domain", "winprizes.com", domain.id],
        ["url", "winprizes.com/0", expect.any(String)],
      ]),
    );

    // Two messages with the same id in one group: the second fails (a unique violation) and nothing of it is
    // kept; the others are stored once.
    const twice = uuidv7();
    const outcomes = await Promise.allSettled([
      ...senders.map((identifier, i) => receiveInGroup(db, call(identifier, 10 + i, i === 1 ? twice : undefined))),
      receiveInGroup(db, call(senders[4]!, 20, twice)),
    ]);
    const failed = outcomes.filter((o) => o.status === "rejected");
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" });
    expect(await db.message.count({ where: { tenantId: team.tenant.id, body: { startsWith: "prize" } } })).toBe(12);
    expect(await db.message.count({ where: { id: twice } })).toBe(1);
    expect(await db.spamStringOccurrence.count({ where: { spamStringId: domain.id } })).toBe(12);
  });
});
