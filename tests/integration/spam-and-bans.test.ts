// A spam mark (issue 4) and a ban (issue 6) on the same contact: neither may undo the other. A chat a
// ban holds stays "banned" until the admission gate admits the sender again; the spam mark is the
// contact's, and its locks apply to every chat of theirs, banned or not (lib/conversations/bucket.ts).
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { listConversations } from "@/lib/inbox/list-conversations";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { sendReply } from "@/lib/inbox/send-reply";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { POST as replyRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { POST as assignRoute } from "@/app/api/v1/conversations/[id]/assignee/route";
import { POST as labelRoute } from "@/app/api/v1/conversations/[id]/labels/route";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2026-03-02T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** The first list (of those the actor has) a conversation is in, or null when it is in none. */
async function listOf(db: Db, actor: Actor, conversationId: string): Promise<string | null> {
  for (const list of ["all", "mine", "unassigned", "resolved", "spam"]) {
    // null: a list the actor does not have.
    const page = await listConversations.fromUntrusted({ db, actor, input: { list, limit: 100 } }).catch(() => null);
    if (page?.items.some((c) => c.id === conversationId)) return list;
  }
  return null;
}

const bucketOf = async (db: Db, conversationId: string) =>
  (await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).bucket;

/**
 * A WhatsApp sender banned by an admin: their first chat (closed by the ban) and the chat their next, refused message
 * opened.
 */
async function bannedSender(db: Db, team: Team, from: string) {
  const first = await receiveMessage(db, team.service, { channel: "whatsapp", from, text: "hi" }, T0);
  const { ban } = await createBan({
    db,
    actor: team.admin.actor,
    input: { channel: "whatsapp", identifier: from, reason: "abuse" },
    source: "admin_add",
    now: minutes(1),
  });
  const refused = await receiveMessage(db, team.service, { channel: "whatsapp", from, text: "let me in" }, minutes(2));
  expect(refused).toMatchObject({ admitted: false, banId: ban.id });
  expect(refused.conversationId).not.toBe(first.conversationId);
  return { ban, contactId: first.contactId, closedId: first.conversationId, heldId: refused.conversationId };
}

/** The three locks and a reply through the API, as the key's service identity (sees every chat). */
async function lockCodes(db: Db, team: Team, conversationId: string) {
  const params = { id: conversationId };
  const calls = [
    await callApi(assignRoute, { key: team.service.key, params, body: { assigneeId: team.agent.agent.id } }),
    await callApi(labelRoute, { key: team.service.key, params, body: { label: "Billing" } }),
    await callApi(replyRoute, { key: team.service.key, agentId: team.admin.agent.id, params, body: { body: "hello" } }),
  ];
  return calls.map((call) => `${call.status} ${call.body?.error?.code ?? ""}`.trim());
}

describe("spam mark and ban together", () => {
  it("ban, then mark: the held chat stays out of all lists, others go to Spam; un-mark keeps the hold", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, closedId, heldId } = await bannedSender(db, team, "+15550190001");
    expect(await bucketOf(db, heldId)).toBe("banned");

    const marked = await markContactAsSpam({ db, actor: team.agent.actor, contactId, now: minutes(3) });
    expect(marked).toMatchObject({ changed: true, conversationsMoved: 2 });
    expect(await bucketOf(db, heldId)).toBe("banned");
    expect(await bucketOf(db, closedId)).toBe("spam");
    for (const actor of [team.admin.actor, team.agent.actor, team.limited.actor])
      expect(await listOf(db, actor, heldId)).toBeNull();
    expect(await listOf(db, team.admin.actor, closedId)).toBe("spam");
    // The conversation keeps its copy of the marker, for when the ban is lifted.
    expect((await db.conversation.findUniqueOrThrow({ where: { id: heldId } })).spamMarkedById).toBe(
      team.agent.agent.id,
    );

    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId, now: minutes(4) });
    expect(await bucketOf(db, heldId)).toBe("banned");
    expect(await bucketOf(db, closedId)).toBe("resolved");
    for (const actor of [team.admin.actor, team.agent.actor, team.limited.actor])
      expect(await listOf(db, actor, heldId)).toBeNull();
  });

  it("mark, then ban: the refused message holds the chat, spam locks stay; un-mark lifts only the locks", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.label.create({ data: { tenantId: team.tenant.id, name: "Billing" } });
    const first = await receiveMessage(db, team.service, { channel: "whatsapp", from: "+15550190002" }, T0);
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: first.contactId, now: minutes(1) });

    // The ban closes the ongoing chat: it stays in Spam, resolved.
    const { ban, closedConversations } = await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+15550190002", reason: "abuse" },
      source: "admin_add",
      now: minutes(2),
    });
    expect(closedConversations).toBe(1);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).toMatchObject({
      status: "resolved",
      bucket: "spam",
    });

    const refused = await receiveMessage(
      db,
      team.service,
      { channel: "whatsapp", from: "+15550190002", text: "again" },
      minutes(3),
    );
    expect(refused).toMatchObject({ admitted: false, banId: ban.id });
    expect(await bucketOf(db, refused.conversationId)).toBe("banned");
    expect(await listOf(db, team.admin.actor, refused.conversationId)).toBeNull();

    // Marked and banned: every lock holds on both chats.
    for (const id of [refused.conversationId, first.conversationId]) {
      expect(await lockCodes(db, team, id)).toEqual([
        "409 contact_marked_as_spam",
        "409 contact_marked_as_spam",
        "409 contact_marked_as_spam",
      ]);
    }
    await expect(
      sendReply({ db, actor: team.admin.actor, conversationId: refused.conversationId, input: { body: "hi" } }),
    ).rejects.toMatchObject({ status: 409, code: "contact_marked_as_spam" });
    expect(
      await db.outboxMessage.count({
        where: { conversationId: { in: [refused.conversationId, first.conversationId] } },
      }),
    ).toBe(0);

    // Un-marked: the locks lift, the ban still holds the chat out of every list.
    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId: first.contactId, now: minutes(4) });
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: refused.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    expect(await bucketOf(db, refused.conversationId)).toBe("banned");
    expect(await listOf(db, team.agent.actor, refused.conversationId)).toBeNull();
  });

  it("resolving or reopening a banned chat keeps it out of every list, marked or not", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, heldId } = await bannedSender(db, team, "+15550190003");
    for (const marked of [false, true]) {
      if (marked) await markContactAsSpam({ db, actor: team.agent.actor, contactId, now: minutes(5) });
      const resolved = await setConversationStatus({
        db,
        actor: team.admin.actor,
        conversationId: heldId,
        input: { status: "resolved" },
      });
      expect(resolved.conversation).toMatchObject({ status: "resolved", bucket: "banned" });
      expect(await listOf(db, team.admin.actor, heldId)).toBeNull();
      const reopened = await setConversationStatus({
        db,
        actor: team.admin.actor,
        conversationId: heldId,
        input: { status: "open" },
      });
      expect(reopened.conversation).toMatchObject({ status: "open", bucket: "banned" });
      expect(await listOf(db, team.admin.actor, heldId)).toBeNull();
    }
  });

  it("resolving or reopening a spam-marked contact's chat keeps it in Spam (the mark is the contact's)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await receiveMessage(db, team.service, { channel: "whatsapp", from: "+15550190004" }, T0);
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: chat.contactId, now: minutes(1) });
    expect(
      (
        await setConversationStatus({
          db,
          actor: team.admin.actor,
          conversationId: chat.conversationId,
          input: { status: "resolved" },
        })
      ).conversation.bucket,
    ).toBe("spam");
    expect(
      (
        await setConversationStatus({
          db,
          actor: team.admin.actor,
          conversationId: chat.conversationId,
          input: { status: "open" },
        })
      ).conversation.bucket,
    ).toBe("spam");
  });

  it("after the ban, a spam-marked contact's next message and connect go to Spam, not active or queue", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban, contactId, heldId } = await bannedSender(db, team, "+15550190005");
    await markContactAsSpam({ db, actor: team.limited.actor, contactId, now: minutes(3) });
    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id, now: minutes(4) });

    // Connect is an admission too: it lifts the hold, and the chat waits in Spam (not in Unassigned).
    expect(
      await connectToLiveChat({ db, actor: team.service, input: { conversationId: heldId }, now: minutes(5) }),
    ).toMatchObject({ connected: true, state: "Queued" });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: heldId } })).toMatchObject({
      status: "waiting",
      bucket: "spam",
      spamMarkedById: team.limited.agent.id,
    });
    expect(
      await listConversations.fromUntrusted({ db, actor: team.admin.actor, input: { list: "unassigned" } }),
    ).toMatchObject({
      items: [],
    });
    // Bob marked them: he sees the chat in his Spam list.
    expect(
      (await listConversations.fromUntrusted({ db, actor: team.limited.actor, input: { list: "spam" } })).items.map(
        (c) => c.id,
      ),
    ).toContain(heldId);

    const next = await receiveMessage(
      db,
      team.service,
      { channel: "whatsapp", from: "+15550190005", text: "sorry" },
      minutes(6),
    );
    expect(next).toMatchObject({ admitted: true, conversationId: heldId });
    expect(await bucketOf(db, heldId)).toBe("spam");
    expect(await listOf(db, team.admin.actor, heldId)).toBe("spam");
  });

  it("after the ban, an unmarked contact's next message brings the held chat back where its status says", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban, contactId, heldId } = await bannedSender(db, team, "+15550190006");
    await markContactAsSpam({ db, actor: team.agent.actor, contactId, now: minutes(3) });
    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId, now: minutes(4) });
    expect(await bucketOf(db, heldId)).toBe("banned");
    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id, now: minutes(5) });
    const next = await receiveMessage(
      db,
      team.service,
      { channel: "whatsapp", from: "+15550190006", text: "sorry" },
      minutes(6),
    );
    expect(next.admitted).toBe(true);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: heldId } })).toMatchObject({
      bucket: "active",
      spamMarkedById: null,
    });
    expect(await listOf(db, team.admin.actor, heldId)).toBe("all");
    expect(await listOf(db, team.limited.actor, heldId)).toBe("unassigned");
  });

  it("a connect request lifts a ban's hold on a chat already with an agent", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { ban, heldId } = await bannedSender(db, team, "+15550190007");
    // An admin (who sees every chat) assigns the held chat: it stays out of every list, Ann's too.
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: heldId,
      input: { assigneeId: team.agent.agent.id },
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: heldId } })).toMatchObject({
      status: "open",
      bucket: "banned",
      assigneeId: team.agent.agent.id,
    });
    expect(
      await connectToLiveChat({ db, actor: team.service, input: { conversationId: heldId }, now: minutes(3) }),
    ).toEqual({ connected: false, state: "IsBanned" });
    expect(await listOf(db, team.agent.actor, heldId)).toBeNull();

    await deactivateBan({ db, actor: team.admin.actor, banId: ban.id, now: minutes(4) });
    expect(
      await connectToLiveChat({ db, actor: team.service, input: { conversationId: heldId }, now: minutes(5) }),
    ).toEqual({
      connected: true,
      state: "Assigned",
      assignee: { id: team.agent.agent.id, name: "Ann Agent" },
    });
    expect(await bucketOf(db, heldId)).toBe("active");
    expect(
      (await listConversations.fromUntrusted({ db, actor: team.agent.actor, input: { list: "mine" } })).items.map(
        (c) => c.id,
      ),
    ).toContain(heldId);
  });
});
