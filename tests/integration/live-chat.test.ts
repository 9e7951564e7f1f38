// Issue 5: live chat (connect / waiting queue / working hours) and time-limited blocking (Live Chat
// Blacklist). Times come from an injectable clock: no sleeps.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { unblockLiveChatBlock, unblockLiveChatUser } from "@/lib/live-chat/unblock";
import { CONTEXT_BLOCK_REASON, updateConversationContext } from "@/lib/live-chat/conversation-context";
import { listLiveChatBlocks } from "@/lib/live-chat/list-blocks";
import { endChat } from "@/lib/live-chat/end-chat";
import { updateLiveChatSettings, rotateWidgetSecret } from "@/lib/live-chat/settings";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { getConversation } from "@/lib/inbox/get-conversation";
import { listConversations } from "@/lib/inbox/list-conversations";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { getContact } from "@/lib/contacts/get-contact";
import { apiDocument } from "@/app/api/v1/operations";
import { POST as blockRoute } from "@/app/api/v1/livechat/block/route";
import { POST as connectRoute } from "@/app/api/v1/livechat/connect/route";
import { PATCH as contextRoute } from "@/app/api/v1/conversations/[id]/context/route";
import { GET as listBlocksRoute } from "@/app/api/v1/live-chat-blocks/route";
import { POST as unblockRoute } from "@/app/api/v1/live-chat-blocks/[id]/unblock/route";
import { GET as contactRoute } from "@/app/api/v1/contacts/[id]/route";
import { flushAdmissionHits } from "@/lib/admission/hit-counters";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const minutes = (n: number, from = T0) => new Date(from.getTime() + n * 60_000);
let counter = 0;
const uniq = () => `${Date.now().toString(36)}${counter++}`;

type Team = Awaited<ReturnType<typeof createTeam>>;

/** An anonymous web-chat visitor's conversation. */
async function anonymousChat(db: Db, team: Team, now = T0) {
  return receiveMessage(db, team.service, { channel: "webchat", from: `visitor-${uniq()}`, text: "hi there" }, now);
}

/** A signed-in (authenticated) web-chat user's conversation. */
async function authenticatedChat(db: Db, team: Team, now = T0) {
  const externalId = `user-${uniq()}`;
  const result = await receiveMessage(
    db,
    team.service,
    {
      channel: "webchat",
      from: `visitor-${uniq()}`,
      text: "hello",
      contact: { externalId, authenticated: true, name: "Signed In" },
    },
    now,
  );
  return { ...result, externalId };
}

const connect = (db: Db, team: Team, conversationId: string, now: Date) =>
  connectToLiveChat({ db, actor: team.service, input: { conversationId }, now });

describe("POST /api/v1/livechat/block", () => {
  it("defaults to 1440 minutes and SaveToChatActivityData false when the fields are omitted", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const res = await callApi(blockRoute, {
      key: team.service.key,
      body: { conversationId: chat.conversationId, BlockReason: "Offensive language" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      authenticated: true,
      conversationId: null,
      reason: "Offensive language",
      savedToActivityData: false,
      status: "active",
      hitCount: 0,
    });
    expect(new Date(res.body.blockedUntil).getTime() - new Date(res.body.blockedAt).getTime()).toBe(1440 * 60_000);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } });
    expect(contact.activityData).toEqual({});
  });

  it("rejects bad values with 400 naming the field", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ BlockIntervalMinutes: 0, BlockReason: "x" }, "BlockIntervalMinutes"],
      [{ BlockIntervalMinutes: 525_601, BlockReason: "x" }, "BlockIntervalMinutes"],
      [{ BlockIntervalMinutes: 1.5, BlockReason: "x" }, "BlockIntervalMinutes"],
      [{ BlockIntervalMinutes: "60", BlockReason: "x" }, "BlockIntervalMinutes"],
      [{}, "BlockReason"],
      [{ BlockReason: "   " }, "BlockReason"],
      [{ BlockReason: "x".repeat(501) }, "BlockReason"],
      [{ BlockReason: 42 }, "BlockReason"],
      [{ BlockReason: "x", SaveToChatActivityData: "yes" }, "SaveToChatActivityData"],
    ];
    for (const [body, field] of cases) {
      const res = await callApi(blockRoute, {
        key: team.service.key,
        body: { conversationId: chat.conversationId, ...body },
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(res.body.error.message).toContain(field);
    }
    const noConversation = await callApi(blockRoute, { key: team.service.key, body: { BlockReason: "x" } });
    expect(noConversation.status).toBe(400);
    expect(noConversation.body.error.details.fields[0].field).toBe("conversationId");
    const notJson = await callApi(blockRoute, { key: team.service.key, rawBody: "{oops" });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "invalid_json" } } });
    // The edges are accepted.
    expect(
      (
        await callApi(blockRoute, {
          key: team.service.key,
          body: { conversationId: chat.conversationId, BlockIntervalMinutes: 525_600, BlockReason: "x".repeat(500) },
        })
      ).status,
    ).toBe(200);
    expect(await db.liveChatBlock.count({ where: { tenantId: team.tenant.id } })).toBe(1);
  });

  it("answers 404 for another tenant's conversation and 401 without a key", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    const chat = await anonymousChat(db, other);
    const body = { conversationId: chat.conversationId, BlockReason: "spam" };
    expect((await callApi(blockRoute, { key: team.service.key, body })).status).toBe(404);
    expect(
      (await callApi(connectRoute, { key: team.service.key, body: { conversationId: chat.conversationId } })).status,
    ).toBe(404);
    expect(
      (
        await callApi(contextRoute, {
          key: team.service.key,
          method: "PATCH",
          params: { id: chat.conversationId },
          body: { LiveChatBlockedUntil: null },
        })
      ).status,
    ).toBe(404);
    expect((await callApi(blockRoute, { body })).status).toBe(401);
  });

  it("stores a signed-in user's block on the Live Chat Blacklist and, if asked, 4 activity-data keys", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    // GET /api/v1/contacts/:id below runs on the real clock, so the block does too.
    const start = new Date();
    const { block } = await blockUserFromLiveChat({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 90, BlockReason: "Insulted the agent", SaveToChatActivityData: true },
      now: start,
    });
    expect(block).toMatchObject({
      authenticated: true,
      conversationId: null,
      savedToActivityData: true,
      blockedBy: { id: team.agent.agent.id, name: "Ann Agent" },
    });
    const row = await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id } });
    expect(row).toMatchObject({
      contactId: chat.contactId,
      conversationId: null,
      blockedAt: start,
      blockedUntil: minutes(90, start),
      reason: "Insulted the agent",
    });
    const contact = await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } });
    expect(contact.activityData).toEqual({
      LiveChatBlockedUntil: minutes(90, start).toISOString(),
      LiveChatBlockedReason: "Insulted the agent",
      LiveChatBlockedAt: start.toISOString(),
      LiveChatBlockedByAgentName: team.agent.actor.email,
    });
    // The conversation context is the anonymous visitors' place: untouched here.
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).context).toEqual({});

    // GET /api/v1/contacts/:id returns the activity data and the block in force.
    const res = await callApi(contactRoute, { key: team.service.key, params: { id: chat.contactId } });
    expect(res.status).toBe(200);
    expect(res.body.activityData).toEqual(contact.activityData);
    expect(res.body.liveChat).toMatchObject({
      blockId: block.id,
      reason: "Insulted the agent",
      blockedBy: { name: "Ann Agent" },
    });
    expect(res.body.liveChatBlocks).toHaveLength(1);

    // Blocking another of the user's chats reaches the same contact-wide block.
    const laterChat = await receiveMessage(db, team.service, {
      channel: "webchat",
      from: `visitor-${uniq()}`,
      text: "again",
      contact: { externalId: chat.externalId, authenticated: true },
    });
    const refused = await connect(db, team, laterChat.conversationId, minutes(10, start));
    expect(refused).toEqual({
      connected: false,
      state: "IsBlockedForLiveChat",
      blockedUntil: minutes(90, start).toISOString(),
    });
  });

  it("names an API key's default agent's email, or the key's name, in the activity data", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const input = { BlockReason: "spam", SaveToChatActivityData: true };
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.service,
      conversationId: chat.conversationId,
      input,
      now: T0,
    });
    let contact = await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } });
    expect((contact.activityData as Record<string, string>).LiveChatBlockedByAgentName).toBe(team.service.apiKeyName);
    const withDefault = { ...team.service, defaultAgentId: team.supervisor.agent.id };
    const other = await authenticatedChat(db, team);
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: withDefault,
      conversationId: other.conversationId,
      input,
      now: T0,
    });
    contact = await db.contact.findUniqueOrThrow({ where: { id: other.contactId } });
    expect((contact.activityData as Record<string, string>).LiveChatBlockedByAgentName).toBe(
      team.supervisor.actor.email,
    );
    // With X-Agent-Id the key acts as that agent.
    const third = await authenticatedChat(db, team);
    const res = await callApi(blockRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      body: { conversationId: third.conversationId, ...input },
    });
    expect(res.body.blockedBy).toEqual({ id: team.agent.agent.id, name: "Ann Agent" });
    contact = await db.contact.findUniqueOrThrow({ where: { id: third.contactId } });
    expect((contact.activityData as Record<string, string>).LiveChatBlockedByAgentName).toBe(team.agent.actor.email);
  });

  it("blocks an anonymous visitor in the conversation only: context LiveChatBlockedUntil + a history row", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const { block } = await blockUserFromLiveChat({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "Spam links", SaveToChatActivityData: true },
      now: T0,
    });
    expect(block).toMatchObject({
      authenticated: false,
      conversationId: chat.conversationId,
      savedToActivityData: false,
    });
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    expect(conversation.context).toEqual({ LiveChatBlockedUntil: minutes(60).toISOString() });
    expect((await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } })).activityData).toEqual({});
    expect(await connect(db, team, chat.conversationId, minutes(1))).toMatchObject({ state: "IsBlockedForLiveChat" });

    // Another conversation of the same anonymous contact is not blocked.
    const second = await db.conversation.create({
      data: { tenantId: team.tenant.id, contactId: chat.contactId, channel: "webchat" },
    });
    expect(await connect(db, team, second.id, minutes(1))).toEqual({ connected: true, state: "Queued", position: 1 });
  });

  it("extends, never shortens, a block in force: the new one supersedes the old row", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const first = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "rude" },
      now: T0,
    });
    const shorter = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 1, BlockReason: "try to lift" },
      now: minutes(5),
    });
    expect(shorter.supersededBlockId).toBe(first.block.id);
    expect(shorter.block.blockedUntil).toBe(minutes(1440).toISOString());
    const longer = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 10_080, BlockReason: "again" },
      now: minutes(10),
    });
    expect(longer.block.blockedUntil).toBe(minutes(10_080, minutes(10)).toISOString());
    const rows = await db.liveChatBlock.findMany({
      where: { contactId: chat.contactId },
      orderBy: { blockedAt: "asc" },
    });
    expect(rows.map((r) => [r.unblockedVia, r.unblockedAt !== null])).toEqual([
      ["superseded", true],
      ["superseded", true],
      [null, false],
    ]);
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(events.filter((e) => e.type === "live_chat_blocked").map((e) => e.data.extended)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("lets a limited agent block only in chats they can see (404 otherwise)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await expect(
      blockUserFromLiveChat.fromUntrusted({
        db,
        actor: team.limited.actor,
        conversationId: chat.conversationId,
        input: { BlockReason: "x" },
        now: T0,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("connect to an agent", () => {
  it("queues with positions by queuedAt, keeps the place when asked again, and shows in Unassigned", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chats = [await anonymousChat(db, team), await anonymousChat(db, team), await anonymousChat(db, team)];
    const answers = [];
    for (const [i, chat] of chats.entries()) answers.push(await connect(db, team, chat.conversationId, minutes(i)));
    expect(answers).toEqual([1, 2, 3].map((position) => ({ connected: true, state: "Queued", position })));
    // Asking again keeps the place.
    expect(await connect(db, team, chats[1]!.conversationId, minutes(9))).toEqual({
      connected: true,
      state: "Queued",
      position: 2,
    });

    const unassigned = await listConversations.fromUntrusted({
      db,
      actor: team.agent.actor,
      input: { list: "unassigned" },
    });
    const rows = unassigned.items.filter((c) => chats.some((chat) => chat.conversationId === c.id));
    expect(rows.map((r) => [r.status, r.queuedAt])).toEqual(
      expect.arrayContaining([0, 1, 2].map((i) => ["waiting", minutes(i).toISOString()])),
    );

    // An agent takes the first from the queue: it opens, and the others move up.
    const taken = await assignConversation({
      db,
      actor: team.limited.actor,
      conversationId: chats[0]!.conversationId,
      input: { assigneeId: team.limited.agent.id },
    });
    expect(taken.conversation.status).toBe("open");
    expect(await connect(db, team, chats[2]!.conversationId, minutes(10))).toEqual({
      connected: true,
      state: "Queued",
      position: 2,
    });
    // Already with an agent: nothing changes.
    expect(await connect(db, team, chats[0]!.conversationId, minutes(11))).toEqual({
      connected: true,
      state: "Assigned",
      assignee: { id: team.limited.agent.id, name: "Bob Limited" },
    });

    const via = await callApi(connectRoute, {
      key: team.service.key,
      body: { conversationId: chats[1]!.conversationId },
    });
    expect(via).toMatchObject({ status: 200, body: { connected: true, state: "Queued", position: 1 } });
    expect((await callApi(connectRoute, { key: team.service.key, body: {} })).body.error.details.fields[0].field).toBe(
      "conversationId",
    );
  });

  it("puts a resolved conversation back in the queue, unassigned", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    await assignConversation({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await endChat({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { feedback: "" },
      now: T0,
    });
    expect(await connect(db, team, chat.conversationId, minutes(1))).toEqual({
      connected: true,
      state: "Queued",
      position: 1,
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).toMatchObject({
      status: "waiting",
      bucket: "active",
      assigneeId: null,
    });
  });

  it("answers IsOutsideWorkingHours outside the weekly schedule in the tenant's (non-UTC) time zone", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await updateLiveChatSettings.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: {
        timeZone: "America/New_York",
        workingHours: { mon: [{ from: "09:00", to: "17:00" }] },
        liveChatBlockDefaultMinutes: 60,
      },
    });
    const chat = await anonymousChat(db, team);
    // Monday 5 January 2026: New York is UTC-5.
    const before = new Date("2026-01-05T13:59:00Z"); // 08:59 in New York
    const opening = new Date("2026-01-05T14:00:00Z"); // 09:00
    const closing = new Date("2026-01-05T22:00:00Z"); // 17:00
    const sunday = new Date("2026-01-04T15:00:00Z"); // Sunday 10:00
    expect(await connect(db, team, chat.conversationId, before)).toEqual({
      connected: false,
      state: "IsOutsideWorkingHours",
    });
    expect(await connect(db, team, chat.conversationId, sunday)).toEqual({
      connected: false,
      state: "IsOutsideWorkingHours",
    });
    expect(await connect(db, team, chat.conversationId, closing)).toEqual({
      connected: false,
      state: "IsOutsideWorkingHours",
    });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).status).toBe("open");
    expect(await connect(db, team, chat.conversationId, opening)).toEqual({
      connected: true,
      state: "Queued",
      position: 1,
    });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    const lines = events.map(describeEvent);
    expect(lines.filter((text) => text === "Asked for an agent · refused: outside working hours")).toHaveLength(3);
    expect(lines).toContain("Asked for an agent · #1 in the queue");

    // Settings are validated: a bad time zone or range names the field.
    await expect(
      updateLiveChatSettings.fromUntrusted({
        db,
        actor: team.admin.actor,
        input: { timeZone: "Mars/Olympus", workingHours: null, liveChatBlockDefaultMinutes: 60 },
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("timeZone"),
    });
    await expect(
      updateLiveChatSettings.fromUntrusted({
        db,
        actor: team.admin.actor,
        input: {
          timeZone: "UTC",
          workingHours: { mon: [{ from: "18:00", to: "09:00" }] },
          liveChatBlockDefaultMinutes: 60,
        },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("workingHours.mon.0") });
    await expect(
      updateLiveChatSettings.fromUntrusted({
        db,
        actor: team.supervisor.actor,
        input: { timeZone: "UTC", workingHours: null, liveChatBlockDefaultMinutes: 60 },
      }),
    ).rejects.toMatchObject({ status: 403 });
    // Always open again.
    await updateLiveChatSettings.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { timeZone: "UTC", workingHours: null, liveChatBlockDefaultMinutes: 1440 },
    });
    const other = await anonymousChat(db, team);
    expect(await connect(db, team, other.conversationId, sunday)).toMatchObject({ connected: true });
  });

  it("refuses with IsBlockedForLiveChat until the block expires, counting hits, then accepts; recorded", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "abuse" },
      now: T0,
    });

    for (const at of [minutes(1), minutes(30), minutes(59)]) {
      expect(await connect(db, team, chat.conversationId, at)).toEqual({
        connected: false,
        state: "IsBlockedForLiveChat",
        blockedUntil: minutes(60).toISOString(),
      });
    }
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    const row = await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id } });
    expect(row).toMatchObject({ hitCount: 3, lastHitAt: minutes(59) });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).status).toBe("open");
    // Messages the user sends are still stored.
    const message = await receiveMessage(
      db,
      team.service,
      {
        channel: "webchat",
        from: "x",
        text: "let me in",
        contact: { externalId: chat.externalId, authenticated: true },
      },
      minutes(40),
    );
    expect(await db.message.count({ where: { id: message.messageId } })).toBe(1);

    // The moment it expires, the same request is queued: no job, the gate compares times.
    expect(await connect(db, team, chat.conversationId, minutes(60))).toEqual({
      connected: true,
      state: "Queued",
      position: 1,
    });

    const refusals = await db.auditLog.findMany({
      where: { tenantId: team.tenant.id, action: "live_chat.connect_refused" },
    });
    expect(refusals).toHaveLength(3);
    expect(refusals[0]!.data).toMatchObject({
      state: "IsBlockedForLiveChat",
      blockedUntil: minutes(60).toISOString(),
      blockId: block.id,
      via: "api",
    });
    const expiries = await db.auditLog.findMany({
      where: { tenantId: team.tenant.id, action: "live_chat.block_expired" },
    });
    expect(expiries.map((e) => [e.targetId, e.actorKind])).toEqual([[block.id, "system"]]);
    // Noted once.
    await connect(db, team, chat.conversationId, minutes(61));
    expect(await db.auditLog.count({ where: { tenantId: team.tenant.id, action: "live_chat.block_expired" } })).toBe(1);

    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    const lines = events.map(describeEvent);
    expect(lines[0]).toMatch(/^Blocked from live chat until .+ by Ann Agent: “abuse”$/);
    // The three refusals, one after another with nothing in between, are one line counting them.
    expect(lines.filter((l) => l.includes("refused: the user is blocked from live chat until"))).toEqual([
      expect.stringMatching(/ · 3 attempts, the last at .+$/),
    ]);
    expect(lines.filter((l) => l.startsWith("Live-chat block expired"))).toHaveLength(1);
    expect(lines.at(-1)).toBe("Asked for an agent · #1 in the queue");
    expect(await db.auditLog.count({ where: { tenantId: team.tenant.id, action: "live_chat.blocked" } })).toBe(1);
  });

  it("passes the gate's IsBanned through without queueing", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const identity = await db.contactIdentity.findFirstOrThrow({ where: { contactId: chat.contactId } });
    await db.ban.create({
      data: {
        tenantId: team.tenant.id,
        channel: "webchat",
        identifier: identity.identifier,
        reason: "abuse",
        source: "admin_add",
        createdByName: "Ada",
      },
    });
    expect(await connect(db, team, chat.conversationId, T0)).toEqual({ connected: false, state: "IsBanned" });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).status).not.toBe(
      "waiting",
    );
  });
});

describe("unblock", () => {
  it("admins unblock a signed-in user (user card), ending the saved LiveChatBlockedUntil; then queued", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "rude", SaveToChatActivityData: true },
      now: T0,
    });
    await expect(
      unblockLiveChatUser({ db, actor: team.agent.actor, contactId: chat.contactId, now: minutes(5) }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      unblockLiveChatUser({ db, actor: team.supervisor.actor, contactId: chat.contactId, now: minutes(5) }),
    ).rejects.toMatchObject({ status: 403 });

    const [lifted] = await unblockLiveChatUser({
      db,
      actor: team.admin.actor,
      contactId: chat.contactId,
      now: minutes(5),
    });
    expect(lifted).toMatchObject({
      id: block.id,
      status: "lifted",
      unblockedVia: "admin",
      unblockedBy: { id: team.admin.agent.id, name: "Ada Admin" },
      unblockedAt: minutes(5).toISOString(),
    });
    const contact = await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } });
    expect(contact.activityData).toMatchObject({
      LiveChatBlockedUntil: minutes(5).toISOString(),
      LiveChatBlockedReason: "rude",
    });
    expect(await connect(db, team, chat.conversationId, minutes(6))).toEqual({
      connected: true,
      state: "Queued",
      position: 1,
    });
    await expect(
      unblockLiveChatUser({ db, actor: team.admin.actor, contactId: chat.contactId, now: minutes(7) }),
    ).rejects.toMatchObject({ status: 409 });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "live_chat.unblocked", targetId: block.id } });
    expect(audit).toMatchObject({ actorKind: "agent", actorId: team.admin.agent.id, targetType: "live_chat_block" });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(events.map(describeEvent)).toContain("Unblocked from live chat by Ada Admin");
  });

  it("POST /api/v1/live-chat-blocks/:id/unblock: keys, admins yes; agents, supervisors 403; lifted 409", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const anonymous = await anonymousChat(db, team);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: anonymous.conversationId,
      input: { BlockReason: "spam" },
    });
    for (const agent of [team.agent, team.supervisor, team.limited]) {
      const res = await callApi(unblockRoute, {
        key: team.service.key,
        agentId: agent.agent.id,
        params: { id: block.id },
      });
      expect(res.status).toBe(403);
    }
    const res = await callApi(unblockRoute, { key: team.service.key, params: { id: block.id } });
    expect(res).toMatchObject({
      status: 200,
      body: { id: block.id, status: "lifted", unblockedVia: "api", unblockedBy: null },
    });
    // Unblocking an anonymous block also clears the conversation context the gate reads.
    expect((await db.conversation.findUniqueOrThrow({ where: { id: anonymous.conversationId } })).context).toEqual({
      LiveChatBlockedUntil: null,
    });
    expect(await connect(db, team, anonymous.conversationId, new Date())).toMatchObject({
      connected: true,
      state: "Queued",
    });
    expect((await callApi(unblockRoute, { key: team.service.key, params: { id: block.id } })).status).toBe(409);
    expect((await callApi(unblockRoute, { key: team.service.key, params: { id: "nope" } })).status).toBe(404);

    const authenticated = await authenticatedChat(db, team);
    const second = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: authenticated.conversationId,
      input: { BlockReason: "spam" },
    });
    const byAdmin = await callApi(unblockRoute, {
      key: team.service.key,
      agentId: team.admin.agent.id,
      params: { id: second.block.id },
    });
    expect(byAdmin).toMatchObject({ status: 200, body: { status: "lifted", unblockedVia: "admin" } });
  });

  it("a flow unblocks an anonymous visitor by setting the context value to null", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    // The API route runs on the real clock, so this test does too.
    const start = new Date();
    const later = (m: number) => minutes(m, start);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "spam" },
      now: start,
    });
    // Agents cannot (403), whatever route they take.
    const asAgent = await callApi(contextRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      method: "PATCH",
      params: { id: chat.conversationId },
      body: { LiveChatBlockedUntil: null },
    });
    expect(asAgent.status).toBe(403);
    await expect(
      updateConversationContext({
        db,
        actor: team.agent.actor,
        conversationId: chat.conversationId,
        input: { LiveChatBlockedUntil: null },
        now: later(1),
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).context).toEqual({
      LiveChatBlockedUntil: later(1440).toISOString(),
    });

    const result = await updateConversationContext({
      db,
      actor: team.service,
      conversationId: chat.conversationId,
      input: { LiveChatBlockedUntil: null, step: "menu" },
      now: later(2),
    });
    expect(result).toEqual({ id: chat.conversationId, context: { LiveChatBlockedUntil: null, step: "menu" } });
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id } })).toMatchObject({
      unblockedAt: later(2),
      unblockedVia: "flow",
    });
    expect(await connect(db, team, chat.conversationId, later(3))).toMatchObject({ connected: true, state: "Queued" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "live_chat.unblocked", targetId: block.id } });
    expect(audit).toMatchObject({ actorKind: "api_key", data: expect.objectContaining({ via: "flow" }) });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(events.map(describeEvent)).toContain(
      `Live-chat block lifted by the flow by API key ${team.service.apiKeyName}`,
    );
  });

  it("a flow unblocks by setting the context value to now (through the API), and other keys merge freely", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "spam" },
    });
    const now = new Date().toISOString();
    const res = await callApi(contextRoute, {
      key: team.service.key,
      method: "PATCH",
      params: { id: chat.conversationId },
      body: { LiveChatBlockedUntil: now },
    });
    expect(res.status).toBe(200);
    expect(res.body.context.LiveChatBlockedUntil <= new Date().toISOString()).toBe(true);
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id } })).toMatchObject({
      unblockedVia: "flow",
    });
    expect(
      (await callApi(connectRoute, { key: team.service.key, body: { conversationId: chat.conversationId } })).body,
    ).toMatchObject({ connected: true, state: "Queued" });

    // An agent may merge ordinary keys; the block key is validated and named on errors.
    const agentPatch = await callApi(contextRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      method: "PATCH",
      params: { id: chat.conversationId },
      body: { language: "de" },
    });
    expect(agentPatch).toMatchObject({ status: 200, body: { context: { language: "de" } } });
    const bad = await callApi(contextRoute, {
      key: team.service.key,
      method: "PATCH",
      params: { id: chat.conversationId },
      body: { LiveChatBlockedUntil: "tomorrow" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("LiveChatBlockedUntil");
    expect(
      (
        await callApi(contextRoute, {
          key: team.service.key,
          method: "PATCH",
          params: { id: chat.conversationId },
          rawBody: "[1]",
        })
      ).status,
    ).toBe(400);
  });

  it("a flow may block an anonymous visitor by writing a future time", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    await updateConversationContext({
      db,
      actor: team.service,
      conversationId: chat.conversationId,
      input: { LiveChatBlockedUntil: minutes(30).toISOString() },
      now: T0,
    });
    expect(await connect(db, team, chat.conversationId, minutes(10))).toEqual({
      connected: false,
      state: "IsBlockedForLiveChat",
      blockedUntil: minutes(30).toISOString(),
    });
    expect(await connect(db, team, chat.conversationId, minutes(30))).toMatchObject({ connected: true });
  });
});

describe("LiveChatBlockedUntil in the conversation context goes through the block rules", () => {
  const patch = (
    db: Db,
    actor: Parameters<typeof updateConversationContext>[0]["actor"],
    conversationId: string,
    input: unknown,
    now: Date,
  ) => updateConversationContext.fromUntrusted({ db, actor, conversationId, input, now });

  it("agents cannot shorten or lift a block (403), whatever time they write; nothing changes", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 43_200, BlockReason: "abuse" },
      now: T0,
    });
    const at = minutes(1);
    // The audit's case: now + 6 s is no block period (1..525600 minutes) and no unblock either.
    const sixSeconds = new Date(at.getTime() + 6_000).toISOString();
    await expect(
      patch(db, team.agent.actor, chat.conversationId, { LiveChatBlockedUntil: sixSeconds }, at),
    ).rejects.toMatchObject({ status: 400, details: { fields: [{ field: "LiveChatBlockedUntil" }] } });
    // Two hours: a shorter block than the 30 days in force.
    await expect(
      patch(db, team.agent.actor, chat.conversationId, { LiveChatBlockedUntil: minutes(120).toISOString() }, at),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("only admins and API keys may end a live-chat block earlier"),
    });
    for (const value of [null, at.toISOString()]) {
      await expect(
        patch(db, team.agent.actor, chat.conversationId, { LiveChatBlockedUntil: value }, at),
      ).rejects.toMatchObject({ status: 403 });
    }
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).context).toEqual({
      LiveChatBlockedUntil: minutes(43_200).toISOString(),
    });
    expect(
      await db.liveChatBlock.findMany({
        where: { conversationId: chat.conversationId },
        select: { id: true, unblockedAt: true },
      }),
    ).toEqual([{ id: block.id, unblockedAt: null }]);
    expect(await connect(db, team, chat.conversationId, minutes(200))).toMatchObject({
      connected: false,
      state: "IsBlockedForLiveChat",
      blockedUntil: minutes(43_200).toISOString(),
    });

    // Through the API, as an agent (X-Agent-Id); the route runs on the real clock, so this block does too.
    const live = await anonymousChat(db, team);
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: live.conversationId,
      input: { BlockReason: "abuse" },
    });
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const res = await callApi(contextRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      method: "PATCH",
      params: { id: live.conversationId },
      body: { LiveChatBlockedUntil: soon },
    });
    expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await db.liveChatBlock.count({ where: { conversationId: live.conversationId } })).toBe(1);
  });

  it("an agent extending a block adds a row, audit entry, timeline line; the old row is superseded", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const first = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "abuse" },
      now: T0,
    });
    const result = await patch(
      db,
      team.agent.actor,
      chat.conversationId,
      { LiveChatBlockedUntil: minutes(2880).toISOString(), step: "blocked" },
      minutes(5),
    );
    expect(result.context).toEqual({ LiveChatBlockedUntil: minutes(2880).toISOString(), step: "blocked" });

    const rows = await db.liveChatBlock.findMany({
      where: { conversationId: chat.conversationId },
      orderBy: { blockedAt: "asc" },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: first.block.id, unblockedAt: minutes(5), unblockedVia: "superseded" });
    expect(rows[1]).toMatchObject({
      blockedAt: minutes(5),
      blockedUntil: minutes(2880),
      unblockedAt: null,
      blockedById: team.agent.agent.id,
      reason: CONTEXT_BLOCK_REASON,
      authenticated: false,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: team.tenant.id, action: "live_chat.blocked", targetId: rows[1]!.id },
    });
    expect(audit).toMatchObject({
      actorKind: "agent",
      actorId: team.agent.agent.id,
      data: expect.objectContaining({
        via: "flow",
        extended: true,
        supersededBlockId: first.block.id,
        blockedUntil: minutes(2880).toISOString(),
        minutes: 2875,
      }),
    });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(
      events
        .filter((e) => e.type === "live_chat_blocked")
        .map(describeEvent)
        .at(-1),
    ).toMatch(/^Live-chat block extended until .+ by Ann Agent: “Set through the conversation context/);
    // The Live Chat Blacklist shows it, and refusals count on it.
    expect(
      (await listLiveChatBlocks.fromUntrusted({ db, actor: team.admin.actor, input: {}, now: minutes(6) })).items.map(
        (b) => b.id,
      ),
    ).toEqual([rows[1]!.id]);
    expect(await connect(db, team, chat.conversationId, minutes(120))).toEqual({
      connected: false,
      state: "IsBlockedForLiveChat",
      blockedUntil: minutes(2880).toISOString(),
    });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: rows[1]!.id } })).toMatchObject({
      hitCount: 1,
      lastHitAt: minutes(120),
    });

    // A flow writing its whole context back, block time included, changes nothing.
    await patch(
      db,
      team.service,
      chat.conversationId,
      { LiveChatBlockedUntil: minutes(2880).toISOString(), step: "menu" },
      minutes(130),
    );
    expect(await db.liveChatBlock.count({ where: { conversationId: chat.conversationId } })).toBe(2);
    expect(await db.auditLog.count({ where: { tenantId: team.tenant.id, action: "live_chat.blocked" } })).toBe(2);
  });

  it("admins and API keys may shorten a block to a future time, or lift it with null or now", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const first = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 43_200, BlockReason: "abuse" },
      now: T0,
    });
    await patch(
      db,
      team.admin.actor,
      chat.conversationId,
      { LiveChatBlockedUntil: minutes(60).toISOString() },
      minutes(1),
    );
    const shortened = await db.liveChatBlock.findFirstOrThrow({
      where: { conversationId: chat.conversationId, unblockedAt: null },
    });
    expect(shortened).toMatchObject({ blockedUntil: minutes(60), blockedById: team.admin.agent.id });
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: first.block.id } })).toMatchObject({
      unblockedVia: "superseded",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "live_chat.blocked", targetId: shortened.id },
    });
    expect(audit.data).toMatchObject({
      shortened: true,
      previousBlockedUntil: minutes(43_200).toISOString(),
      extended: false,
    });
    expect(await connect(db, team, chat.conversationId, minutes(59))).toMatchObject({
      connected: false,
      blockedUntil: minutes(60).toISOString(),
    });
    expect(await connect(db, team, chat.conversationId, minutes(60))).toMatchObject({
      connected: true,
      state: "Queued",
    });

    // Blocked again, then lifted by the key with "now" and by an admin with null.
    const second = await anonymousChat(db, team);
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: second.conversationId,
      input: { BlockReason: "spam" },
      now: T0,
    });
    await patch(
      db,
      team.service,
      second.conversationId,
      { LiveChatBlockedUntil: minutes(2).toISOString() },
      minutes(2),
    );
    expect(await db.liveChatBlock.findFirstOrThrow({ where: { conversationId: second.conversationId } })).toMatchObject(
      { unblockedAt: minutes(2), unblockedVia: "flow" },
    );
    const third = await anonymousChat(db, team);
    const thirdBlock = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: third.conversationId,
      input: { BlockReason: "spam" },
      now: T0,
    });
    await patch(db, team.admin.actor, third.conversationId, { LiveChatBlockedUntil: null }, minutes(3));
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: thirdBlock.block.id } })).toMatchObject({
      unblockedAt: minutes(3),
      unblockedById: team.admin.agent.id,
      unblockedVia: "flow",
    });
    expect(await connect(db, team, third.conversationId, minutes(4))).toMatchObject({ connected: true });
  });

  it("checks the block period (1..525600 min), refuses the key on signed-in users' chats (400, field)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const seconds = (n: number) => new Date(T0.getTime() + n * 1000).toISOString();
    for (const value of [seconds(30), minutes(525_601).toISOString()]) {
      const error = await patch(db, team.service, chat.conversationId, { LiveChatBlockedUntil: value }, T0).catch(
        (e: unknown) => e,
      );
      expect(error, value).toMatchObject({
        status: 400,
        details: { fields: [{ field: "LiveChatBlockedUntil" }] },
        message: expect.stringContaining("1 to 525600 minutes from now"),
      });
    }
    // The edges are accepted.
    await patch(db, team.service, chat.conversationId, { LiveChatBlockedUntil: minutes(1).toISOString() }, T0);
    await patch(db, team.service, chat.conversationId, { LiveChatBlockedUntil: minutes(525_600).toISOString() }, T0);
    expect(await db.liveChatBlock.count({ where: { conversationId: chat.conversationId } })).toBe(2);

    const signedIn = await authenticatedChat(db, team);
    for (const value of [minutes(60).toISOString(), null]) {
      const error = await patch(db, team.service, signedIn.conversationId, { LiveChatBlockedUntil: value }, T0).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        status: 400,
        details: { fields: [{ field: "LiveChatBlockedUntil" }] },
        message: expect.stringContaining("Live Chat Blacklist"),
      });
    }
    // Through the API: the same 400, and other keys still merge.
    const res = await callApi(contextRoute, {
      key: team.service.key,
      method: "PATCH",
      params: { id: signedIn.conversationId },
      body: { LiveChatBlockedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_input", details: { fields: [{ field: "LiveChatBlockedUntil" }] } } },
    });
    expect(await db.liveChatBlock.count({ where: { contactId: signedIn.contactId } })).toBe(0);
    expect((await patch(db, team.service, signedIn.conversationId, { language: "fr" }, T0)).context).toEqual({
      language: "fr",
    });
  });

  it("refusals count on the block in force, not an older expired row", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const old = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockIntervalMinutes: 5, BlockReason: "first" },
      now: T0,
    });
    // Expired at minute 5; a flow blocks again at minute 10.
    await patch(
      db,
      team.service,
      chat.conversationId,
      { LiveChatBlockedUntil: minutes(70).toISOString() },
      minutes(10),
    );
    const current = await db.liveChatBlock.findFirstOrThrow({
      where: { conversationId: chat.conversationId, id: { not: old.block.id } },
    });
    expect(await connect(db, team, chat.conversationId, minutes(20))).toMatchObject({
      connected: false,
      state: "IsBlockedForLiveChat",
    });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: current.id } })).toMatchObject({ hitCount: 1 });
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: old.block.id } })).toMatchObject({ hitCount: 0 });
    const refusal = await db.auditLog.findFirstOrThrow({
      where: { tenantId: team.tenant.id, action: "live_chat.connect_refused" },
    });
    expect(refusal.data).toMatchObject({ blockId: current.id });

    // A time written into the context before context writes made rows: refused with no block id,
    // and the expired rows get no hit.
    const legacy = await anonymousChat(db, team);
    const expired = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: legacy.conversationId,
      input: { BlockIntervalMinutes: 5, BlockReason: "old" },
      now: T0,
    });
    await db.conversation.update({
      where: { id: legacy.conversationId },
      data: { context: { LiveChatBlockedUntil: minutes(90).toISOString() } },
    });
    expect(await connect(db, team, legacy.conversationId, minutes(30))).toMatchObject({
      connected: false,
      blockedUntil: minutes(90).toISOString(),
    });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: expired.block.id } })).toMatchObject({
      hitCount: 0,
    });
    // That time counts as the block in force: an agent cannot shorten it either, and writing it back makes its row.
    await expect(
      patch(
        db,
        team.agent.actor,
        legacy.conversationId,
        { LiveChatBlockedUntil: minutes(60).toISOString() },
        minutes(31),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await patch(
      db,
      team.agent.actor,
      legacy.conversationId,
      { LiveChatBlockedUntil: minutes(90).toISOString() },
      minutes(31),
    );
    expect(
      await db.liveChatBlock.findFirst({
        where: { conversationId: legacy.conversationId, unblockedAt: null, blockedUntil: minutes(90) },
      }),
    ).not.toBeNull();
  });
});

describe("the Live Chat Blacklist", () => {
  it("lists active, expired and lifted blocks with filters, for supervisors, admins and keys only", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const now = new Date();
    const ago = (m: number) => new Date(now.getTime() - m * 60_000);
    const a = await authenticatedChat(db, team);
    const b = await authenticatedChat(db, team);
    const c = await anonymousChat(db, team);
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: a.conversationId,
      input: { BlockReason: "active one" },
      now: ago(10),
    });
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: b.conversationId,
      input: { BlockIntervalMinutes: 5, BlockReason: "expired one" },
      now: ago(20),
    });
    const lifted = await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: c.conversationId,
      input: { BlockReason: "lifted one" },
      now: ago(30),
    });
    await unblockLiveChatBlock({ db, actor: team.admin.actor, blockId: lifted.block.id, now: ago(25) });

    const reasons = async (query: Record<string, string>) =>
      (await listLiveChatBlocks.fromUntrusted({ db, actor: team.supervisor.actor, input: query, now })).items.map(
        (i) => i.reason,
      );
    expect(await reasons({})).toEqual(["active one"]);
    expect(await reasons({ status: "expired" })).toEqual(["expired one"]);
    expect(await reasons({ status: "lifted" })).toEqual(["lifted one"]);
    expect(await reasons({ status: "all" })).toEqual(["active one", "expired one", "lifted one"]);
    expect(await reasons({ status: "all", kind: "anonymous" })).toEqual(["lifted one"]);
    expect(await reasons({ status: "all", q: a.externalId.toUpperCase() })).toEqual(["active one"]);

    const page = await callApi(listBlocksRoute, {
      key: team.service.key,
      path: "/api/v1/live-chat-blocks?status=all&limit=2",
    });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    const next = await callApi(listBlocksRoute, {
      key: team.service.key,
      path: `/api/v1/live-chat-blocks?status=all&limit=2&cursor=${page.body.nextCursor}`,
    });
    expect(next.body).toMatchObject({
      items: [{ reason: "lifted one", status: "lifted", unblockedBy: { name: "Ada Admin" } }],
      nextCursor: null,
    });
    expect(page.body.items[0]).toMatchObject({
      contact: { id: a.contactId, externalId: a.externalId },
      blockedBy: { name: "Ann Agent" },
      hitCount: 0,
    });

    expect(
      (
        await callApi(listBlocksRoute, {
          key: team.service.key,
          agentId: team.agent.agent.id,
          path: "/api/v1/live-chat-blocks",
        })
      ).status,
    ).toBe(403);
    expect(
      (await callApi(listBlocksRoute, { key: team.service.key, path: "/api/v1/live-chat-blocks?status=gone" })).body
        .error.details.fields[0].field,
    ).toBe("status");
    // Another tenant sees none of it.
    const other = await createTeam(db);
    expect(
      (await listLiveChatBlocks.fromUntrusted({ db, actor: other.admin.actor, input: { status: "all" } })).items,
    ).toEqual([]);
  });

  it("shows the user's status, history and whether the viewer may unblock on the user card", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await authenticatedChat(db, team);
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "rude" },
    });
    const asAgent = await getContact({ db, actor: team.agent.actor, contactId: chat.contactId });
    expect(asAgent.liveChat).toMatchObject({ reason: "rude" });
    expect(asAgent.permissions).toEqual({ unblockLiveChat: false });
    expect((await getContact({ db, actor: team.admin.actor, contactId: chat.contactId })).permissions).toEqual({
      unblockLiveChat: true,
    });
  });
});

describe("end chat", () => {
  it("resolves, records feedback and blocks in one action; a bad block input changes nothing", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    await expect(
      endChat.fromUntrusted({
        db,
        actor: team.agent.actor,
        conversationId: chat.conversationId,
        input: { feedback: "x", block: { BlockReason: "" } },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("block.BlockReason") });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).status).toBe("open");

    const result = await endChat({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: {
        feedback: "Kept posting links",
        block: { BlockIntervalMinutes: 1440, BlockReason: "Spam links", SaveToChatActivityData: false },
      },
      now: T0,
    });
    expect(result.conversation.status).toBe("resolved");
    expect(result.block).toMatchObject({ reason: "Spam links", blockedUntil: minutes(1440).toISOString() });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(events.map((e) => e.type)).toEqual(["live_chat_blocked", "chat_feedback", "resolved"]);
    expect(describeEvent(events[1]!)).toBe("Chat feedback by Ann Agent: “Kept posting links”");
  });
});

describe("settings", () => {
  it("rotates the widget secret (admins only), never logging it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const before = (await db.tenant.findUniqueOrThrow({ where: { id: team.tenant.id } })).widgetSecret;
    await expect(rotateWidgetSecret({ db, actor: team.supervisor.actor })).rejects.toMatchObject({ status: 403 });
    const { widgetSecret } = await rotateWidgetSecret({ db, actor: team.admin.actor });
    expect(widgetSecret).not.toBe(before);
    expect(widgetSecret).toMatch(/^[0-9a-f]{64}$/);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "tenant.widget_secret_rotated", tenantId: team.tenant.id },
    });
    expect(JSON.stringify(audit)).not.toContain(widgetSecret);
  });
});

describe("OpenAPI", () => {
  it("documents every live-chat route", () => {
    const document = apiDocument();
    const liveChatPaths = Object.keys(document.paths).filter((p) =>
      Object.values(document.paths[p]!).some((op) => (op as { tags: string[] }).tags.includes("Live chat")),
    );
    expect(liveChatPaths.sort()).toEqual(
      [
        "/api/v1/conversations/{id}/context",
        "/api/v1/live-chat-blocks",
        "/api/v1/live-chat-blocks/{id}/unblock",
        "/api/v1/livechat/block",
        "/api/v1/livechat/connect",
      ].sort(),
    );
    const body = document.paths["/api/v1/livechat/block"]!.post as {
      requestBody: {
        content: { "application/json": { schema: { properties: Record<string, { default?: unknown }> } } };
      };
    };
    const properties = body.requestBody.content["application/json"].schema.properties;
    expect(properties.BlockIntervalMinutes!.default).toBe(1440);
    expect(properties.SaveToChatActivityData!.default).toBe(false);
  });
});
