import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import { banConversationClient, createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { exportBansCsv, listBans } from "@/lib/blacklist/list-bans";
import { setOperatorBansEnabled } from "@/lib/blacklist/blacklist-settings";
import { admitLiveChatRequest } from "@/lib/admission";
import { countConversations, listConversations } from "@/lib/inbox/list-conversations";
import { getConversation } from "@/lib/inbox/get-conversation";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { listSessions } from "@/lib/sessions/list-sessions";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/bans/route";
import { POST as deactivateRoute } from "@/app/api/v1/bans/[id]/deactivate/route";
import { GET as exportRoute } from "@/app/api/v1/bans/export/route";
import { POST as banConversationRoute } from "@/app/api/v1/conversations/[id]/ban/route";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { POST as connectRoute } from "@/app/api/v1/livechat/connect/route";
import { GET as sessionsRoute } from "@/app/api/v1/sessions/route";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { flushAdmissionHits } from "@/lib/admission/hit-counters";

const inAnyList = async (db: Db, actor: Actor, conversationId: string) => {
  for (const list of ["all", "mine", "unassigned", "resolved", "spam"]) {
    try {
      if (
        (await listConversations.fromUntrusted({ db, actor, input: { list, limit: 100 } })).items.some(
          (c) => c.id === conversationId,
        )
      )
        return list;
    } catch {
      // lists the actor does not have
    }
  }
  return null;
};

describe("tenant blacklist", () => {
  it("bans in three ways, recording channel, normalized identifier, reason, source, who, when, expiry", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db, { defaultPhoneRegion: "GB" });
    const live = await receiveMessage(db, team.service, { channel: "whatsapp", from: "07700 900001" });
    const past = await receiveMessage(db, team.service, { channel: "email", from: "Troll@Example.com" });

    const fromLive = await banConversationClient.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: live.conversationId,
      input: { reason: "abusive" },
      source: "live_session",
    });
    expect(fromLive.ban).toMatchObject({
      channel: "whatsapp",
      identifier: "+447700900001",
      reason: "abusive",
      source: "live_session",
      status: "active",
      createdBy: { id: team.agent.agent.id, name: "Ann Agent" },
      expiresAt: null,
      contact: { id: live.contactId },
    });

    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const fromDetail = await banConversationClient.fromUntrusted({
      db,
      actor: team.supervisor.actor,
      conversationId: past.conversationId,
      input: { reason: "spam", expiresAt },
      source: "session_detail",
    });
    expect(fromDetail.ban).toMatchObject({
      channel: "email",
      identifier: "troll@example.com",
      source: "session_detail",
      expiresAt: new Date(expiresAt).toISOString(),
    });

    const added = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "messenger", identifier: " 123456789 ", reason: "scammer" },
      source: "admin_add",
    });
    expect(added.ban).toMatchObject({
      channel: "messenger",
      identifier: "123456789",
      source: "admin_add",
      contact: null,
      createdBy: { name: "Ada Admin" },
    });
    const audit = await db.auditLog.count({ where: { tenantId: team.tenant.id, action: "ban.created" } });
    expect(audit).toBe(3);
  });

  it("treats different spellings of a number as one ban, and applies a ban only to its channel", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db, { defaultPhoneRegion: "GB" });
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+44 7700 900123", reason: "x" },
      source: "admin_add",
    });
    const refused = await receiveMessage(db, team.service, {
      channel: "whatsapp",
      from: "07700900123",
      text: "let me in",
    });
    expect(refused).toMatchObject({ admitted: false, reason: "banned", banId: ban.id });
    const otherChannel = await receiveMessage(db, team.service, { channel: "ip_telephony", from: "07700900123" });
    expect(otherChannel.admitted).toBe(true);
    await expect(
      createBan({
        db,
        actor: team.admin.actor,
        input: { channel: "whatsapp", identifier: "07700900123", reason: "again" },
        source: "admin_add",
      }),
    ).rejects.toMatchObject({
      status: 409,
      code: "ban_exists",
      details: { banId: ban.id },
    });
  });

  it("stores a banned sender's messages in a chat kept out of every list, counts hits, refuses connect", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "webchat", identifier: "visitor-bad", reason: "x" },
      source: "admin_add",
    });
    const countsBefore = await countConversations({ db, actor: team.admin.actor });
    const res = await callApi(postMessage, {
      key: team.service.key,
      body: { channel: "webchat", from: "visitor-bad", text: "hello?" },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ admitted: false, reason: "banned", banId: ban.id });
    expect(await db.message.findUnique({ where: { id: res.body.messageId } })).toMatchObject({ body: "hello?" });
    await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-bad", text: "again" });
    for (const actor of [team.admin.actor, team.agent.actor, team.limited.actor])
      expect(await inAnyList(db, actor, res.body.conversationId)).toBeNull();
    expect(await countConversations({ db, actor: team.admin.actor })).toEqual(countsBefore);
    // The Sessions page still finds it.
    expect(
      (await listSessions.fromUntrusted({ db, actor: team.admin.actor, input: { status: "banned" } })).items.map(
        (c) => c.id,
      ),
    ).toContain(res.body.conversationId);

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: res.body.conversationId } });
    const decision = await admitLiveChatRequest(db, {
      tenant: { id: team.tenant.id, timeZone: "UTC", workingHours: null },
      conversation: { id: conversation.id, channel: "webchat", context: {} },
      contact: { id: conversation.contactId, authenticated: false },
      identifiers: ["visitor-bad"],
    });
    expect(decision).toEqual({ connected: false, state: "IsBanned", banId: ban.id });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect(await db.ban.findUniqueOrThrow({ where: { id: ban.id } })).toMatchObject({
      hitCount: 3,
      lastHitAt: expect.any(Date),
    });
  });

  it("closes the client's ongoing conversation on that channel, with a timeline line", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const ongoing = await receiveMessage(db, team.service, { channel: "whatsapp", from: "+15550180001" });
    const result = await banConversationClient.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: ongoing.conversationId,
      input: { reason: "threats" },
      source: "live_session",
    });
    expect(result.closedConversations).toBe(1);
    const detail = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: ongoing.conversationId,
      input: {},
    });
    expect(detail.conversation.status).toBe("resolved");
    expect(detail.events.map(describeEvent)).toContain("Client banned on WhatsApp by Ann Agent — conversation closed");
  });

  it("refuses operators (403) when the tenant turns operator bans off; admins still ban", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    await setOperatorBansEnabled({ db, actor: team.admin.actor, enabled: false });
    await expect(
      banConversationClient.fromUntrusted({
        db,
        actor: team.agent.actor,
        conversationId,
        input: { reason: "x" },
        source: "live_session",
      }),
    ).rejects.toMatchObject({ status: 403 });
    const viaApi = await callApi(banConversationRoute, {
      key: team.service.key,
      agentId: team.supervisor.agent.id,
      params: { id: conversationId },
      body: { reason: "x" },
    });
    expect(viaApi.status).toBe(403);
    await expect(setOperatorBansEnabled({ db, actor: team.agent.actor, enabled: true })).rejects.toMatchObject({
      status: 403,
    });
    const byAdmin = await callApi(banConversationRoute, {
      key: team.service.key,
      agentId: team.admin.agent.id,
      params: { id: conversationId },
      body: { reason: "x" },
    });
    expect(byAdmin.status).toBe(201);
  });

  it("only admins and API keys ban any identifier (Add, POST /api/v1/bans); agents: 403 before checks", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const valid = { channel: "email", identifier: "troll@example.com", reason: "abuse" };
    const existing = await createBan.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { ...valid, identifier: "known@example.com" },
      source: "admin_add",
    });
    for (const { agent, actor } of [team.agent, team.supervisor, team.limited]) {
      // The Blacklist page's Add (the server action's lib function)…
      await expect(createBan.fromUntrusted({ db, actor, input: valid, source: "admin_add" })).rejects.toMatchObject({
        status: 403,
      });
      // …and the API with X-Agent-Id: 403 for a valid body, an invalid one (not 400) and a duplicate (not 409).
      for (const body of [
        valid,
        { channel: "fax", identifier: "", reason: "" },
        { ...valid, identifier: "known@example.com" },
      ]) {
        const res = await callApi(createRoute, { key: team.service.key, agentId: agent.id, body });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
    expect(await db.ban.count({ where: { tenantId: team.tenant.id } })).toBe(1);
    const byAdmin = await callApi(createRoute, { key: team.service.key, agentId: team.admin.agent.id, body: valid });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({
      identifier: "troll@example.com",
      source: "api",
      createdBy: { id: team.admin.agent.id, name: "Ada Admin" },
    });
    expect(
      (await callApi(createRoute, { key: team.service.key, body: { ...valid, identifier: "other@example.com" } }))
        .status,
    ).toBe(201);
    expect(existing.ban.source).toBe("admin_add");

    // Banning the client of a conversation they can see stays the operators' (while the tenant lets them).
    const chat = await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-ops" });
    expect(
      (
        await banConversationClient.fromUntrusted({
          db,
          actor: team.agent.actor,
          conversationId: chat.conversationId,
          input: { reason: "rude" },
        })
      ).ban,
    ).toMatchObject({ source: "live_session" });
  });

  it("with operator bans off, an agent's conversation ban is 403 whatever the input (never 400/404/409)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-off" });
    const other = await createTeam(db);
    const foreign = await receiveMessage(db, other.service, { channel: "webchat", from: "visitor-foreign" });
    await setOperatorBansEnabled({ db, actor: team.admin.actor, enabled: false });
    const attempts = [
      { id: chat.conversationId, body: { reason: "" } },
      { id: chat.conversationId, body: { reason: "x", source: "nowhere" } },
      { id: "missing", body: { reason: "x" } },
      { id: foreign.conversationId, body: { reason: "x" } },
    ];
    for (const { id, body } of attempts) {
      const res = await callApi(banConversationRoute, {
        key: team.service.key,
        agentId: team.agent.agent.id,
        params: { id },
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(403);
      await expect(
        banConversationClient.fromUntrusted({ db, actor: team.limited.actor, conversationId: id, input: body }),
      ).rejects.toMatchObject({ status: 403 });
    }
    // With operator bans on, the same mistakes answer as they are.
    await setOperatorBansEnabled({ db, actor: team.admin.actor, enabled: true });
    expect(
      (
        await callApi(banConversationRoute, {
          key: team.service.key,
          agentId: team.agent.agent.id,
          params: { id: chat.conversationId },
          body: { reason: "" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await callApi(banConversationRoute, {
          key: team.service.key,
          agentId: team.agent.agent.id,
          params: { id: "missing" },
          body: { reason: "x" },
        })
      ).status,
    ).toBe(404);
  });

  it("records where a conversation ban was made: source live_session (default) or session_detail", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const [a, b, c] = [
      await receiveMessage(db, team.service),
      await receiveMessage(db, team.service),
      await receiveMessage(db, team.service),
    ];
    const ban = (id: string, body: unknown) =>
      callApi(banConversationRoute, { key: team.service.key, agentId: team.agent.agent.id, params: { id }, body });
    expect((await ban(a.conversationId, { reason: "x" })).body).toMatchObject({
      source: "live_session",
      conversationId: a.conversationId,
    });
    expect((await ban(b.conversationId, { reason: "x", source: "session_detail" })).body).toMatchObject({
      source: "session_detail",
      conversationId: b.conversationId,
    });
    const bad = await ban(c.conversationId, { reason: "x", source: "admin_add" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["source"]);
    // The browser's action names its page; that wins over the body.
    expect(
      (
        await banConversationClient({
          db,
          actor: team.agent.actor,
          conversationId: c.conversationId,
          input: { reason: "x", source: "live_session" },
          source: "session_detail",
        })
      ).ban.source,
    ).toBe("session_detail");
    const document = (await callApi(openApiRoute)).body;
    expect(
      document.paths["/api/v1/conversations/{id}/ban"].post.requestBody.content["application/json"].schema.properties
        .source.enum,
    ).toEqual(["live_session", "session_detail"]);
  });

  it("closes a client's chats under the contact's lock, so a concurrent spam mark and ban agree", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    for (let round = 0; round < 5; round++) {
      const from = `+1555018100${round}`;
      const chat = await receiveMessage(db, team.service, { channel: "whatsapp", from });
      await Promise.all([
        markContactAsSpam({ db, actor: team.agent.actor, contactId: chat.contactId }),
        createBan({
          db,
          actor: team.admin.actor,
          input: { channel: "whatsapp", identifier: from, reason: "x" },
          source: "admin_add",
        }),
      ]);
      const conversation = await db.conversation.findUniqueOrThrow({
        where: { id: chat.conversationId },
        include: { contact: true },
      });
      expect(conversation.status).toBe("resolved");
      expect(conversation.bucket).toBe(conversation.contact.spamMarkedAt ? "spam" : "resolved");
    }
  });

  it("deactivates, never deletes; filters show who, when; re-ban is a new ban; expired is inactive", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const now = new Date();
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "email", identifier: "x@example.com", reason: "x" },
      source: "admin_add",
      now,
    });
    const shortBan = await createBan({
      db,
      actor: team.admin.actor,
      input: {
        channel: "email",
        identifier: "y@example.com",
        reason: "y",
        expiresAt: new Date(now.getTime() + 60_000).toISOString(),
      },
      source: "admin_add",
      now,
    });

    const deactivated = await deactivateBan({ db, actor: team.supervisor.actor, banId: ban.id });
    expect(deactivated).toMatchObject({
      status: "inactive",
      deactivatedBy: { id: team.supervisor.agent.id, name: "Sam Supervisor" },
      deactivatedAt: expect.any(String),
    });
    expect((await deactivateBan({ db, actor: team.supervisor.actor, banId: ban.id })).deactivatedAt).toBe(
      deactivated.deactivatedAt,
    );

    const later = new Date(now.getTime() + 120_000);
    const active = await listBans.fromUntrusted({ db, actor: team.admin.actor, input: {}, now: later });
    expect(active.items).toEqual([]);
    const inactive = await listBans.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { status: "inactive" },
      now: later,
    });
    expect(inactive.items.map((b) => [b.identifier, b.status]).sort()).toEqual([
      ["x@example.com", "inactive"],
      ["y@example.com", "expired"],
    ]);
    expect(
      (await listBans.fromUntrusted({ db, actor: team.admin.actor, input: { status: "all" }, now: later })).total,
    ).toBe(2);

    const again = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "email", identifier: "x@example.com", reason: "again" },
      source: "admin_add",
      now: later,
    });
    expect(again.ban.id).not.toBe(ban.id);
    const afterExpiry = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "email", identifier: "y@example.com", reason: "again" },
      source: "admin_add",
      now: later,
    });
    expect(afterExpiry.ban.id).not.toBe(shortBan.ban.id);
    expect(await db.ban.count({ where: { tenantId: team.tenant.id } })).toBe(4);
    // Agents do not manage the blacklist.
    await expect(listBans.fromUntrusted({ db, actor: team.agent.actor, input: {} })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("lets the client's next message through again once the ban is deactivated", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "vkontakte", identifier: "id777", reason: "x" },
      source: "admin_add",
    });
    const blocked = await receiveMessage(db, team.service, { channel: "vkontakte", from: "id777" });
    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id });
    const next = await receiveMessage(db, team.service, { channel: "vkontakte", from: "id777", text: "sorry" });
    expect(next.admitted).toBe(true);
    expect(next.conversationId).toBe(blocked.conversationId);
    expect(await inAnyList(db, team.admin.actor, next.conversationId)).toBe("all");
  });

  it("admits the client's messages and connects from the ban's expiresAt on (injected clock, no sleeps)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const T0 = new Date("2026-03-02T10:00:00.000Z");
    const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
    const first = await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-expiring" }, T0);
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: {
        channel: "webchat",
        identifier: "visitor-expiring",
        reason: "cool off",
        expiresAt: at(60).toISOString(),
      },
      source: "admin_add",
      now: at(1),
    });

    const refused = await receiveMessage(
      db,
      team.service,
      { channel: "webchat", from: "visitor-expiring", conversationId: first.conversationId },
      at(30),
    );
    expect(refused).toMatchObject({ admitted: false, banId: ban.id });
    expect(
      await connectToLiveChat({
        db,
        actor: team.service,
        input: { conversationId: first.conversationId },
        now: at(31),
      }),
    ).toEqual({ connected: false, state: "IsBanned" });
    expect(
      (await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-expiring" }, at(59))).admitted,
    ).toBe(false);

    // From expiresAt on, the ban is no longer in force.
    const after = await receiveMessage(
      db,
      team.service,
      { channel: "webchat", from: "visitor-expiring", text: "back" },
      at(60),
    );
    expect(after).toMatchObject({ admitted: true, conversationId: first.conversationId });
    expect(await inAnyList(db, team.admin.actor, first.conversationId)).toBe("all");
    expect(
      await connectToLiveChat({
        db,
        actor: team.service,
        input: { conversationId: first.conversationId },
        now: at(62),
      }),
    ).toEqual({ connected: true, state: "Queued", position: 1 });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect(await db.ban.findUniqueOrThrow({ where: { id: ban.id } })).toMatchObject({ hitCount: 3, lastHitAt: at(59) });
    expect(
      (
        await listBans.fromUntrusted({ db, actor: team.admin.actor, input: { status: "inactive" }, now: at(61) })
      ).items.map((b) => [b.id, b.status]),
    ).toEqual([[ban.id, "expired"]]);
  });

  it('POST /api/v1/livechat/connect answers { connected: false, state: "IsBanned" }, recording it', async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await receiveMessage(db, team.service, { channel: "webchat", from: "visitor-connect-banned" });
    const { ban } = await banConversationClient.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { reason: "abuse" },
    });
    const res = await callApi(connectRoute, { key: team.service.key, body: { conversationId: chat.conversationId } });
    expect(res).toMatchObject({ status: 200, body: { connected: false, state: "IsBanned" } });
    expect(res.body).toEqual({ connected: false, state: "IsBanned" });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).status).toBe("resolved");
    const refusal = await db.conversationEvent.findFirstOrThrow({
      where: { conversationId: chat.conversationId, type: "live_chat_refused" },
    });
    expect(refusal.data).toMatchObject({ state: "IsBanned", banId: ban.id, via: "api" });
    await flushAdmissionHits(); // hits are counted in memory and written once a second
    expect((await db.ban.findUniqueOrThrow({ where: { id: ban.id } })).hitCount).toBe(1);
  });

  it("searches Sessions by name, identifier, text; filters by channel, agent, status, date (lib, API)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 2, d, hour));
    const alice = await receiveMessage(
      db,
      team.service,
      { channel: "whatsapp", from: "+15550182001", text: "hello there", contact: { name: "Alice Example" } },
      day(2),
    );
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: alice.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    const bob = await receiveMessage(
      db,
      team.service,
      { channel: "email", from: "bob@example.com", text: "Invoice question", contact: { name: "Bob" } },
      day(4, 0),
    );
    const old = await receiveMessage(
      db,
      team.service,
      { channel: "whatsapp", from: "+15550182002", text: "thanks", contact: { name: "Carol" } },
      day(4, 23),
    );
    await setConversationStatus({
      db,
      actor: team.admin.actor,
      conversationId: old.conversationId,
      input: { status: "resolved" },
    });
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "webchat", identifier: "visitor-zed", reason: "x" },
      source: "admin_add",
    });
    const banned = await receiveMessage(
      db,
      team.service,
      { channel: "webchat", from: "visitor-zed", text: "let me in" },
      day(6),
    );
    const other = await createTeam(db);
    await receiveMessage(
      db,
      other.service,
      { channel: "whatsapp", from: "+15550182001", text: "hello there", contact: { name: "Alice Example" } },
      day(2),
    );

    const ids = async (query: Record<string, string>, actor: Actor = team.admin.actor) =>
      (await listSessions.fromUntrusted({ db, actor, input: query })).items.map((c) => c.id);
    expect(await ids({})).toEqual([
      banned.conversationId,
      old.conversationId,
      bob.conversationId,
      alice.conversationId,
    ]);
    expect(await ids({ q: "alice" })).toEqual([alice.conversationId]);
    expect(await ids({ q: "bob@EXAMPLE" })).toEqual([bob.conversationId]);
    expect(await ids({ q: "invoice" })).toEqual([bob.conversationId]);
    expect(await ids({ q: "nobody" })).toEqual([]);
    // What was typed means itself: "_" and "%" are not wildcards ("visitor_zed" is not "visitor-zed").
    expect(await ids({ q: "visitor_zed" })).toEqual([]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "visitor-zed" })).toEqual([banned.conversationId]);
    expect(await ids({ channel: "whatsapp" })).toEqual([old.conversationId, alice.conversationId]);
    expect(await ids({ agent: team.agent.agent.id })).toEqual([alice.conversationId]);
    expect(await ids({ agent: "none" })).toEqual([banned.conversationId, old.conversationId, bob.conversationId]);
    expect(await ids({ status: "resolved" })).toEqual([old.conversationId]);
    expect(await ids({ status: "banned" })).toEqual([banned.conversationId]);
    // Status is the conversation's: a banned sender's chat is open too.
    expect(await ids({ status: "open" })).toEqual([banned.conversationId, bob.conversationId, alice.conversationId]);
    // Dates are whole UTC days, both ends included.
    expect(await ids({ from: "2026-03-04", to: "2026-03-04" })).toEqual([old.conversationId, bob.conversationId]);
    expect(await ids({ from: "2026-03-03" })).toEqual([banned.conversationId, old.conversationId, bob.conversationId]);
    expect(await ids({ to: "2026-03-03" })).toEqual([alice.conversationId]);
    expect(await ids({ channel: "whatsapp", agent: "none", from: "2026-03-04" })).toEqual([old.conversationId]);
    // An agent without All access finds only what they may see: the queue (not Ann's chat, not a banned sender's).
    expect(await ids({}, team.limited.actor)).toEqual([old.conversationId, bob.conversationId]);

    const page1 = await callApi(sessionsRoute, { key: team.service.key, path: "/api/v1/sessions?limit=2" });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([banned.conversationId, old.conversationId]);
    const page2 = await callApi(sessionsRoute, {
      key: team.service.key,
      path: `/api/v1/sessions?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
    });
    expect(page2.body).toMatchObject({ nextCursor: null });
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([bob.conversationId, alice.conversationId]);
    const filtered = await callApi(sessionsRoute, {
      key: team.service.key,
      path: `/api/v1/sessions?q=Alice&channel=whatsapp&agent=${team.agent.agent.id}&from=2026-03-01&to=2026-03-02`,
    });
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([alice.conversationId]);
    const bad = await callApi(sessionsRoute, {
      key: team.service.key,
      path: "/api/v1/sessions?from=yesterday&channel=fax",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(["channel", "from"]);
  });

  it("searches, sorts, pages and exports the current filter as CSV", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    for (let i = 0; i < 7; i++) {
      await createBan({
        db,
        actor: team.admin.actor,
        input: {
          channel: i % 2 ? "email" : "webchat",
          identifier: i % 2 ? `user${i}@example.com` : `visitor-${i}`,
          reason: i === 3 ? '=HYPERLINK("evil")' : `reason ${i}`,
        },
        source: "admin_add",
      });
    }
    const page1 = await listBans.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { limit: 3, sort: "identifier", dir: "asc" },
    });
    const page2 = await listBans.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { limit: 3, sort: "identifier", dir: "asc", cursor: page1.nextCursor },
    });
    const page3 = await listBans.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { limit: 3, sort: "identifier", dir: "asc", cursor: page2.nextCursor },
    });
    const identifiers = [...page1.items, ...page2.items, ...page3.items].map((b) => b.identifier);
    expect(identifiers).toEqual([...identifiers].sort());
    expect(identifiers).toHaveLength(7);
    expect(page3.nextCursor).toBeNull();
    expect((await listBans.fromUntrusted({ db, actor: team.admin.actor, input: { channel: "email" } })).total).toBe(3);
    expect(
      (await listBans.fromUntrusted({ db, actor: team.admin.actor, input: { q: "USER5" } })).items.map(
        (b) => b.identifier,
      ),
    ).toEqual(["user5@example.com"]);

    const csv = await new Response(
      await exportBansCsv.fromUntrusted({ db, actor: team.admin.actor, input: { channel: "email" } }),
    ).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,channel,identifier,contact,reason,source,bannedBy,bannedAt,expiresAt,status," +
        "deactivatedBy,deactivatedAt,hits,lastHitAt",
    );
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
    const viaApi = await fetchCsv(team.service.key);
    expect(viaApi.headers.get("content-type")).toContain("text/csv");
    expect(viaApi.body.trim().split("\r\n")).toHaveLength(8);
  });

  it("validates the API: 400 naming the field, 409 with the existing ban's id, 404 across tenants", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const bad = async (body: unknown) =>
      (await callApi(createRoute, { key: team.service.key, body })).body.error.details.fields.map(
        (f: { field: string }) => f.field,
      );
    expect(await bad({ channel: "fax", identifier: "x", reason: "y" })).toEqual(["channel"]);
    expect(await bad({ channel: "whatsapp", identifier: "not a phone", reason: "y" })).toEqual(["identifier"]);
    expect(await bad({ channel: "email", identifier: "nope@", reason: "y" })).toEqual(["identifier"]);
    expect(await bad({ channel: "email", identifier: "a@b.com", reason: "  " })).toEqual(["reason"]);
    expect(await bad({ channel: "email", identifier: "a@b.com", reason: "r", expiresAt: "tomorrow" })).toEqual([
      "expiresAt",
    ]);
    expect(
      await bad({ channel: "email", identifier: "a@b.com", reason: "r", expiresAt: "2001-01-01T00:00:00Z" }),
    ).toEqual(["expiresAt"]);

    const created = await callApi(createRoute, {
      key: team.service.key,
      body: { channel: "email", identifier: "A@B.com", reason: "r" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      identifier: "a@b.com",
      source: "api",
      status: "active",
      closedConversations: 0,
    });
    const duplicate = await callApi(createRoute, {
      key: team.service.key,
      body: { channel: "email", identifier: "a@b.com", reason: "r" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "ban_exists", details: { banId: created.body.id } });

    const listed = await callApi(listRoute, {
      key: team.service.key,
      path: "/api/v1/bans?status=active&channel=email",
    });
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    expect((await callApi(listRoute, { key: team.service.key, path: "/api/v1/bans?status=gone" })).status).toBe(400);
    const other = await createTeam(db);
    expect((await callApi(deactivateRoute, { key: other.service.key, params: { id: created.body.id } })).status).toBe(
      404,
    );
    const deactivated = await callApi(deactivateRoute, { key: team.service.key, params: { id: created.body.id } });
    expect(deactivated.body).toMatchObject({ status: "inactive" });
  });

  it("hints at ban evasion when a contact shares an identifier with an active ban on another channel", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+15550180099", reason: "x" },
      source: "admin_add",
    });
    const evader = await receiveMessage(db, team.service, { channel: "ip_telephony", from: "+1 555 018 0099" });
    expect(evader.admitted).toBe(true);
    const detail = await getConversation({
      db,
      actor: team.agent.actor,
      conversationId: evader.conversationId,
      input: {},
    });
    expect(detail.banHints).toEqual([{ banId: ban.id, channel: "whatsapp", identifier: "+15550180099" }]);
    const innocent = await receiveMessage(db, team.service, { channel: "ip_telephony", from: "+15550180098" });
    expect(
      (await getConversation({ db, actor: team.agent.actor, conversationId: innocent.conversationId, input: {} }))
        .banHints,
    ).toEqual([]);
    // Never an automatic ban.
    expect(await db.ban.count({ where: { tenantId: team.tenant.id } })).toBe(1);
  });

  it("hints at each active ban on another channel, even one the contact also writes on (E.164, any case)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db, { defaultPhoneRegion: "GB" });
    // One user on WhatsApp and IP telephony (the host system's user id links the two).
    const onWhatsApp = await receiveMessage(db, team.service, {
      channel: "whatsapp",
      from: "07700 900555",
      contact: { externalId: "user-77" },
    });
    const { ban } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+44 7700 900555", reason: "x" },
      source: "admin_add",
    });
    const onPhone = await receiveMessage(db, team.service, {
      channel: "ip_telephony",
      from: "+447700900555",
      contact: { externalId: "user-77" },
    });
    expect(onPhone).toMatchObject({ admitted: true, contactId: onWhatsApp.contactId });
    const hints = async (conversationId: string) =>
      (await getConversation({ db, actor: team.admin.actor, conversationId, input: {} })).banHints;
    expect(await hints(onPhone.conversationId)).toEqual([
      { banId: ban.id, channel: "whatsapp", identifier: "+447700900555" },
    ]);
    // On the ban's own channel it is the ban itself, not a hint.
    expect(await hints(onWhatsApp.conversationId)).toEqual([]);

    // An email used as a visitor id matches an email ban whatever its case.
    const emailBan = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "email", identifier: "Troll@Example.com", reason: "x" },
      source: "admin_add",
    });
    const visitor = await receiveMessage(db, team.service, { channel: "webchat", from: "TROLL@example.COM" });
    expect(await hints(visitor.conversationId)).toEqual([
      { banId: emailBan.ban.id, channel: "email", identifier: "troll@example.com" },
    ]);

    // Only bans in force hint.
    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id });
    expect(await hints(onPhone.conversationId)).toEqual([]);
  });
});

async function fetchCsv(key: string) {
  const { NextRequest } = await import("next/server");
  const response = await exportRoute(
    new NextRequest("http://localhost/api/v1/bans/export", { headers: { authorization: `Bearer ${key}` } }),
    { params: Promise.resolve({}) },
  );
  return { headers: response.headers, body: await response.text() };
}
