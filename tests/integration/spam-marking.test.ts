import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { connectAgent, recordEvents, settle, startRealtime } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { bulkSetSpamMarks } from "@/lib/spam-marking/bulk-set-spam-marks";
import { countConversations, listConversations } from "@/lib/inbox/list-conversations";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { getConversation } from "@/lib/inbox/get-conversation";
import { getContact } from "@/lib/contacts/get-contact";
import { updateContact } from "@/lib/contacts/update-contact";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { POST as markRoute, DELETE as unmarkRoute } from "@/app/api/v1/contacts/[id]/spam/route";
import { POST as replyRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { POST as assignRoute } from "@/app/api/v1/conversations/[id]/assignee/route";
import { POST as labelRoute } from "@/app/api/v1/conversations/[id]/labels/route";
import { GET as listRoute } from "@/app/api/v1/conversations/route";
import { POST as bulkRoute } from "@/app/api/v1/spam-marks/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import type { Db } from "@/lib/db";
import { activateCampaign, createCampaign, previewAudience } from "@/lib/campaigns/manage-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";

/** A contact with three conversations: open unassigned, open assigned to Ann, resolved. */
async function spammer(db: Db, team: Awaited<ReturnType<typeof createTeam>>, from = "+15550170001") {
  const first = await receiveMessage(db, team.service, { from, text: "WIN a prize, call now" });
  await db.conversation.update({
    where: { id: first.conversationId },
    data: { status: "resolved", bucket: "resolved" },
  });
  const second = await receiveMessage(db, team.service, { from, channel: "whatsapp", text: "free crypto" });
  await assignConversation({
    db,
    actor: team.admin.actor,
    conversationId: second.conversationId,
    input: { assigneeId: team.agent.agent.id },
  });
  const third = await receiveMessage(db, team.service, {
    from: "spammer@example.com",
    channel: "email",
    text: "hello",
    contact: { externalId: `ext-${from}` },
  });
  await db.contactIdentity.updateMany({ where: { contactId: third.contactId }, data: { contactId: first.contactId } });
  await db.conversation.update({ where: { id: third.conversationId }, data: { contactId: first.contactId } });
  return { contactId: first.contactId, ids: [first.conversationId, second.conversationId, third.conversationId] };
}

const listIds = async (db: Db, actor: Parameters<typeof listConversations>[0]["actor"], list: string) =>
  (await listConversations.fromUntrusted({ db, actor, input: { list } })).items.map((c) => c.id);

describe("mark user as spam", () => {
  let realtime: Awaited<ReturnType<typeof startRealtime>>;
  beforeAll(async () => {
    realtime = await startRealtime(testDatabase());
  });
  afterAll(async () => {
    await realtime.close();
  });

  it("moves every old and new chat of the user to Spam and out of All/You/Unassigned and their counts", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, ids } = await spammer(db, team);
    const before = await countConversations({ db, actor: team.agent.actor });

    const result = await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect(result).toMatchObject({ changed: true, spam: true, conversationsMoved: 3 });
    expect((await listIds(db, team.agent.actor, "spam")).sort()).toEqual([...ids].sort());
    for (const list of ["all", "mine", "unassigned", "resolved"]) {
      expect(await listIds(db, team.agent.actor, list)).not.toEqual(expect.arrayContaining([ids[0]]));
    }
    expect(await countConversations({ db, actor: team.agent.actor })).toEqual({
      all: before.all! - 2,
      mine: before.mine! - 1,
      unassigned: before.unassigned! - 1,
      waiting: before.waiting,
      suspected: 0,
      spam: 3,
    });

    // New messages keep arriving, are stored, and land in Spam too.
    const later = await receiveMessage(db, team.service, {
      from: "+15550170001",
      channel: "whatsapp",
      text: "still here",
    });
    expect(later.admitted).toBe(true);
    // A new conversation of the same contact (the email one was resolved) is born in Spam.
    await db.conversation.update({ where: { id: ids[2] }, data: { status: "resolved" } });
    const newOne = await receiveMessage(db, team.service, {
      from: "spammer@example.com",
      channel: "email",
      text: "new conversation",
    });
    expect(newOne.contactId).toBe(contactId);
    expect(newOne.conversationId).not.toBe(ids[2]);
    expect(await db.message.count({ where: { id: { in: [later.messageId, newOne.messageId] } } })).toBe(2);
    expect(await listIds(db, team.agent.actor, "spam")).toContain(newOne.conversationId);
    expect(await listIds(db, team.agent.actor, "all")).not.toContain(newOne.conversationId);
  });

  it("shows an agent without All access only spam chats assigned to/marked by them; supervisors see all", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const markedByBob = await receiveMessage(db, team.service, { from: "+15550170101" });
    const assignedToBob = await receiveMessage(db, team.service, { from: "+15550170102" });
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: assignedToBob.conversationId,
      input: { assigneeId: team.limited.agent.id },
    });
    const someoneElses = await receiveMessage(db, team.service, { from: "+15550170103" });

    await markContactAsSpam({ db, actor: team.limited.actor, contactId: markedByBob.contactId });
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: assignedToBob.contactId });
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: someoneElses.contactId });

    expect((await listIds(db, team.limited.actor, "spam")).sort()).toEqual(
      [markedByBob.conversationId, assignedToBob.conversationId].sort(),
    );
    expect((await countConversations({ db, actor: team.limited.actor })).spam).toBe(2);
    await expect(
      getConversation({ db, actor: team.limited.actor, conversationId: someoneElses.conversationId, input: {} }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await listIds(db, team.supervisor.actor, "spam")).toHaveLength(3);
    expect(await listIds(db, team.admin.actor, "spam")).toHaveLength(3);
  });

  it("records a timeline event in each conversation and an audit entry, for mark and un-mark", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, ids } = await spammer(db, team);
    await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    await unmarkContactAsSpam({ db, actor: team.supervisor.actor, contactId });
    for (const conversationId of ids) {
      const { events } = await getConversation({ db, actor: team.admin.actor, conversationId, input: {} });
      expect(events.map(describeEvent).slice(-2)).toEqual([
        "Marked as spam by Ann Agent",
        "Un-marked as spam by Sam Supervisor",
      ]);
    }
    const audit = await db.auditLog.findMany({ where: { targetId: contactId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["contact.marked_as_spam", team.agent.agent.id],
      ["contact.unmarked_as_spam", team.supervisor.agent.id],
    ]);
  });

  it("locks assignment, labels and replies with 409 contact_marked_as_spam through the API", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, ids } = await spammer(db, team);
    await db.label.create({ data: { tenantId: team.tenant.id, name: "Billing" } });
    const marked = await callApi(markRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      params: { id: contactId },
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ changed: true, spam: true, conversationsMoved: 3 });

    const conversation = { id: ids[1]! };
    const calls = [
      await callApi(assignRoute, {
        key: team.service.key,
        params: conversation,
        body: { assigneeId: team.supervisor.agent.id },
      }),
      await callApi(assignRoute, { key: team.service.key, params: conversation, body: { assigneeId: null } }),
      await callApi(labelRoute, { key: team.service.key, params: conversation, body: { label: "Billing" } }),
      await callApi(replyRoute, {
        key: team.service.key,
        agentId: team.agent.agent.id,
        params: conversation,
        body: { body: "hi" },
      }),
    ];
    for (const call of calls) {
      expect(call.status).toBe(409);
      expect(call.body.error.code).toBe("contact_marked_as_spam");
    }
    expect(await db.outboxMessage.count({ where: { conversationId: ids[1] } })).toBe(0);

    const listed = await callApi(listRoute, { key: team.service.key, path: "/api/v1/conversations?list=spam" });
    expect(listed.body.items).toHaveLength(3);
    expect(listed.body.items.every((c: { bucket: string }) => c.bucket === "spam")).toBe(true);
  });

  it("keeps the “Marked as Spam” trait in step, and agents cannot edit it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await spammer(db, team);
    const trait = async () =>
      (await getContact({ db, actor: team.agent.actor, contactId })).traits.find((t) => t.key === "Marked as Spam");
    await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect(await trait()).toMatchObject({ type: "boolean", value: "true", system: true });
    await expect(
      updateContact.fromUntrusted({
        db,
        actor: team.agent.actor,
        contactId,
        input: { set: [{ key: "Marked as Spam", type: "boolean", value: false }] },
      }),
    ).rejects.toMatchObject({
      status: 403,
      code: "system_trait",
    });
    await expect(
      updateContact.fromUntrusted({ db, actor: team.agent.actor, contactId, input: { remove: ["Marked as Spam"] } }),
    ).rejects.toMatchObject({ status: 403 });
    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect(await trait()).toMatchObject({ value: "false" });
  });

  it("sends no notification for a spam user's new message, but updates the Spam list live", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, ids } = await spammer(db, team);
    await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    const ann = recordEvents(await connectAgent(realtime.url, team.agent.actor));
    const bob = recordEvents(await connectAgent(realtime.url, team.limited.actor));
    const message = await receiveMessage(db, team.service, {
      from: "+15550170001",
      channel: "whatsapp",
      text: "buy now",
    });
    const live = await ann.waitFor("message.created", (e) => e.message.id === message.messageId);
    expect(live.conversation).toMatchObject({ id: ids[1], bucket: "spam" });
    await settle();
    expect(ann.named("notification.created")).toEqual([]);
    expect(bob.named("notification.created")).toEqual([]);
  });

  it("moves all the contact's chats in every browser, one event per agent with only what they may see", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await spammer(db, team);
    const sockets = {
      ann: recordEvents(await connectAgent(realtime.url, team.agent.actor)),
      sam: recordEvents(await connectAgent(realtime.url, team.supervisor.actor)),
      bob: recordEvents(await connectAgent(realtime.url, team.limited.actor)),
    };
    await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    const forAnn = await sockets.ann.waitFor("contact.spam_changed");
    await sockets.sam.waitFor("contact.spam_changed");
    const forBob = await sockets.bob.waitFor("contact.spam_changed");
    await settle();
    for (const s of Object.values(sockets)) expect(s.named("contact.spam_changed")).toHaveLength(1);

    expect(forAnn).toMatchObject({ contactId, spam: true, actorName: "Ann Agent", totalConversations: 3 });
    expect(forAnn.conversations).toHaveLength(3);
    expect(forAnn.moves.reduce((n: number, m: { count: number }) => n + m.count, 0)).toBe(3);
    // Bob (own and unassigned chats only) hears of the two unassigned ones leaving his lists, not of Ann's
    // chat; none of them is his to see in Spam (Ann marked them), so he gets no rows.
    expect(forBob.totalConversations).toBe(2);
    expect(forBob.moves).toEqual(
      expect.arrayContaining([
        {
          previous: { status: "open", bucket: "active", assigneeId: null, spamMarkedById: null },
          after: { status: "open", bucket: "spam", assigneeId: null, spamMarkedById: team.agent.agent.id },
          count: 1,
        },
        {
          previous: { status: "resolved", bucket: "resolved", assigneeId: null, spamMarkedById: null },
          after: { status: "resolved", bucket: "spam", assigneeId: null, spamMarkedById: team.agent.agent.id },
          count: 1,
        },
      ]),
    );
    expect(forBob.conversations).toEqual([]);
    // What open views need comes along, to whoever may see it: each carried chat's new timeline line, the card.
    expect(forAnn.timeline.map((t: { conversationId: string }) => t.conversationId).sort()).toEqual(
      forAnn.conversations.map((c: { id: string }) => c.id).sort(),
    );
    expect(forAnn.timeline[0].line).toMatchObject({ type: "marked_as_spam", data: { actorName: "Ann Agent" } });
    expect(forAnn.card).toMatchObject({ spam: { markedBy: { id: team.agent.agent.id, name: "Ann Agent" } } });
    expect(forAnn.card.traits).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "Marked as Spam", value: "true", system: true })]),
    );
    expect(forBob.timeline).toEqual([]);
    expect(forBob.card).toBeUndefined();
  });

  it("reverts everything on un-mark, by assignee and status; marking or un-marking twice is a no-op", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, ids } = await spammer(db, team);
    const before = await db.conversation.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { id: true, status: true, bucket: true, assigneeId: true },
    });
    await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect((await markContactAsSpam({ db, actor: team.agent.actor, contactId })).changed).toBe(false);
    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect((await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId })).changed).toBe(false);
    const after = await db.conversation.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { id: true, status: true, bucket: true, assigneeId: true },
    });
    expect(after).toEqual(before);
    expect(await listIds(db, team.agent.actor, "mine")).toContain(ids[1]);
    expect(await listIds(db, team.agent.actor, "spam")).toEqual([]);
    // Locks lift.
    await assignConversation({ db, actor: team.agent.actor, conversationId: ids[1]!, input: { assigneeId: null } });
    const contact = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(contact.spamMarkedAt).toBeNull();
  });

  it("lets agents mark only contacts of chats they can see", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const anns = await receiveMessage(db, team.service, { from: "+15550170201" });
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: anns.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await expect(markContactAsSpam({ db, actor: team.limited.actor, contactId: anns.contactId })).rejects.toMatchObject(
      { status: 404 },
    );
    const other = await createTeam(db);
    const res = await callApi(markRoute, { key: other.service.key, params: { id: anns.contactId } });
    expect(res.status).toBe(404);
    const unmark = await callApi(unmarkRoute, {
      key: team.service.key,
      method: "DELETE",
      params: { id: anns.contactId },
    });
    expect(unmark.body).toMatchObject({ changed: false, spam: false });
  });

  it("names the API key's default agent as the marker when no X-Agent-Id is given, as replies do", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.apiKey.update({ where: { id: team.service.apiKeyId }, data: { defaultAgentId: team.limited.agent.id } });
    await settleAdmissionChanges(); // API keys are authenticated from the admission cache (NOTIFY on change)
    const chat = await receiveMessage(db, team.service, { from: "+15550170601" });
    const marked = await callApi(markRoute, { key: team.service.key, params: { id: chat.contactId } });
    expect(marked.body).toMatchObject({
      changed: true,
      spamMarkedBy: { id: team.limited.agent.id, name: "Bob Limited" },
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } })).toMatchObject({
      spamMarkedById: team.limited.agent.id,
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).toMatchObject({
      bucket: "spam",
      spamMarkedById: team.limited.agent.id,
    });
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: {},
    });
    expect(events.map(describeEvent).at(-1)).toBe("Marked as spam by Bob Limited");
    expect(events.at(-1)).toMatchObject({ data: { actorId: team.limited.agent.id } });
    // Bob, without All access, sees in Spam the chats marked in his name.
    expect(await listIds(db, team.limited.actor, "spam")).toEqual([chat.conversationId]);
    const unmarked = await callApi(unmarkRoute, {
      key: team.service.key,
      method: "DELETE",
      params: { id: chat.contactId },
    });
    expect(unmarked.body).toMatchObject({ changed: true, spamMarkedBy: null });
    expect(
      describeEvent(
        (
          await getConversation({ db, actor: team.admin.actor, conversationId: chat.conversationId, input: {} })
        ).events.at(-1)!,
      ),
    ).toBe("Un-marked as spam by Bob Limited");

    // A key without a default agent marks in its own name.
    await db.apiKey.update({ where: { id: team.service.apiKeyId }, data: { defaultAgentId: null } });
    await settleAdmissionChanges();
    const byKey = await callApi(markRoute, { key: team.service.key, params: { id: chat.contactId } });
    expect(byKey.body).toMatchObject({ changed: true, spamMarkedBy: null, spamMarkedAt: expect.any(String) });
    expect(
      describeEvent(
        (
          await getConversation({ db, actor: team.admin.actor, conversationId: chat.conversationId, input: {} })
        ).events.at(-1)!,
      ),
    ).toBe(`Marked as spam by API key ${team.service.apiKeyName}`);
  });

  it("POST/DELETE /api/v1/contacts/:id/spam answer the contact's id and mark (when, by whom), documented", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await receiveMessage(db, team.service, { from: "+15550170701" });
    const call = (route: typeof markRoute, agentId: string) =>
      callApi(route, {
        key: team.service.key,
        agentId,
        method: route === markRoute ? "POST" : "DELETE",
        params: { id: chat.contactId },
      });
    const marked = await call(markRoute, team.agent.agent.id);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } });
    expect(marked.body).toEqual({
      changed: true,
      id: chat.contactId,
      contactId: chat.contactId,
      spam: true,
      conversationsMoved: 1,
      spamMarkedAt: contact.spamMarkedAt!.toISOString(),
      spamMarkedBy: { id: team.agent.agent.id, name: "Ann Agent" },
    });
    // Idempotent: the mark in force, by whoever made it.
    expect((await call(markRoute, team.supervisor.agent.id)).body).toEqual({
      ...marked.body,
      changed: false,
      conversationsMoved: 0,
    });
    const unmarked = await call(unmarkRoute, team.supervisor.agent.id);
    expect(unmarked.body).toEqual({
      changed: true,
      id: chat.contactId,
      contactId: chat.contactId,
      spam: false,
      conversationsMoved: 1,
      spamMarkedAt: null,
      spamMarkedBy: null,
    });
    expect((await call(unmarkRoute, team.supervisor.agent.id)).body).toMatchObject({
      changed: false,
      id: chat.contactId,
      spamMarkedAt: null,
      spamMarkedBy: null,
    });

    const document = (await callApi(openApiRoute)).body;
    for (const method of ["post", "delete"]) {
      const schema =
        document.paths["/api/v1/contacts/{id}/spam"][method].responses["200"].content["application/json"].schema;
      expect(Object.keys(schema.properties)).toEqual(
        expect.arrayContaining([
          "id",
          "contactId",
          "changed",
          "spam",
          "conversationsMoved",
          "spamMarkedAt",
          "spamMarkedBy",
        ]),
      );
    }
  });

  it("ends consistent when two agents mark and un-mark one contact at once, both actions logged", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    for (let round = 0; round < 5; round++) {
      const { contactId } = await spammer(db, team, `+1555017030${round}`);
      await Promise.all([
        markContactAsSpam({ db, actor: team.agent.actor, contactId }),
        unmarkContactAsSpam({ db, actor: team.supervisor.actor, contactId }),
        markContactAsSpam({ db, actor: team.admin.actor, contactId }),
      ]);
      const contact = await db.contact.findUniqueOrThrow({
        where: { id: contactId },
        include: { conversations: true, traits: true },
      });
      const marked = contact.spamMarkedAt !== null;
      for (const conversation of contact.conversations) {
        expect(conversation.bucket === "spam").toBe(marked);
        expect(conversation.spamMarkedById).toBe(contact.spamMarkedById);
      }
      // The trait and the marker agree with the mark: the marker is one of the agents who marked, or nobody.
      expect(contact.traits.find((t) => t.key === "Marked as Spam")?.value).toBe(String(marked));
      if (marked) expect([team.agent.agent.id, team.admin.agent.id]).toContain(contact.spamMarkedById);
      else expect(contact.spamMarkedById).toBeNull();
      const actions = await db.auditLog.findMany({
        where: { targetId: contactId, action: { in: ["contact.marked_as_spam", "contact.unmarked_as_spam"] } },
      });
      expect(actions.map((a) => a.actorId).sort()).toEqual(
        [team.agent.agent.id, team.supervisor.agent.id, team.admin.agent.id].sort(),
      );
    }
  });

  it("marks a contact with 1,000 conversations in one transaction", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await receiveMessage(db, team.service, { from: "+15550170999" });
    await db.conversation.createMany({
      data: Array.from({ length: 999 }, (_, i) => ({
        tenantId: team.tenant.id,
        contactId,
        channel: "whatsapp" as const,
        status: "resolved" as const,
        bucket: "resolved" as const,
        lastMessageAt: new Date(Date.now() - i * 1000),
      })),
    });
    const result = await markContactAsSpam({ db, actor: team.agent.actor, contactId });
    expect(result.conversationsMoved).toBe(1000);
    expect(await db.conversation.count({ where: { contactId, bucket: "spam" } })).toBe(1000);
    expect(await db.conversationEvent.count({ where: { conversation: { contactId }, type: "marked_as_spam" } })).toBe(
      1000,
    );
  });

  it("keeps spam-marked contacts out of campaign audiences (previews, sends, triggers) until un-marked", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const spamUser = await receiveMessage(db, team.service, { from: "+15550170501" });
    const goodUser = await receiveMessage(db, team.service, { from: "+15550170502" });
    for (const { contactId } of [spamUser, goodUser])
      await updateContact.fromUntrusted({
        db,
        actor: team.agent.actor,
        contactId,
        input: { set: [{ key: "plan", type: "text", value: "pro" }] },
      });
    const audience = [{ kind: "trait", key: "plan", op: "eq", value: "pro" }];
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: spamUser.contactId });

    expect((await previewAudience.fromUntrusted({ db, actor: team.admin.actor, input: { audience } })).count).toBe(1);
    const oneTime = await createCampaign.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { name: "Pro news", kind: "one_time", audience, message: "Hi pros" },
    });
    await sendCampaign({ db, actor: team.admin.actor, campaignId: oneTime.id });
    const recipients = await db.campaignRecipient.findMany({ where: { campaignId: oneTime.id } });
    expect(recipients.map((r) => r.contactId)).toEqual([goodUser.contactId]);

    // Ongoing: a trait change that would make the spam user match does not reach them while marked…
    const ongoing = await createCampaign.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: {
        name: "VIP",
        kind: "ongoing",
        audience: [{ kind: "trait", key: "vip", op: "eq", value: true }],
        message: "Welcome, VIP",
      },
    });
    await activateCampaign({ db, actor: team.admin.actor, campaignId: ongoing.id });
    await updateContact.fromUntrusted({
      db,
      actor: team.agent.actor,
      contactId: spamUser.contactId,
      input: { set: [{ key: "vip", type: "boolean", value: true }] },
    });
    await whenEventsIdle(); // ongoing campaigns are job listeners of contact.updated
    expect(await db.campaignRecipient.count({ where: { campaignId: ongoing.id } })).toBe(0);
    // …and un-marking includes them again.
    await unmarkContactAsSpam({ db, actor: team.agent.actor, contactId: spamUser.contactId });
    await whenEventsIdle(); // …of contact.spam_changed
    expect((await previewAudience.fromUntrusted({ db, actor: team.admin.actor, input: { audience } })).count).toBe(2);
    expect(
      (await db.campaignRecipient.findMany({ where: { campaignId: ongoing.id } })).map((r) => r.contactId),
    ).toEqual([spamUser.contactId]);
  });

  it("marks and un-marks the users of several conversations in bulk, with a summary", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const a = await receiveMessage(db, team.service, { from: "+15550170401" });
    await db.conversation.update({ where: { id: a.conversationId }, data: { status: "resolved", bucket: "resolved" } });
    const a2 = await receiveMessage(db, team.service, { from: "+15550170401" });
    const b = await receiveMessage(db, team.service, { from: "+15550170402" });
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: b.contactId });
    const summary = await bulkSetSpamMarks({
      db,
      actor: team.agent.actor,
      input: { conversationIds: [a.conversationId, a2.conversationId, b.conversationId, "missing"], spam: true },
    });
    expect(summary.contacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contactId: a.contactId, changed: true, conversationsMoved: 2 }),
        expect.objectContaining({ contactId: b.contactId, changed: false }),
      ]),
    );
    expect(summary.notFound).toEqual(["missing"]);
    const viaApi = await callApi(bulkRoute, {
      key: team.service.key,
      body: { conversationIds: [a.conversationId, b.conversationId], spam: false },
    });
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.contacts.filter((c: { changed: boolean }) => c.changed)).toHaveLength(2);
    expect(
      (await callApi(bulkRoute, { key: team.service.key, body: { conversationIds: [], spam: true } })).status,
    ).toBe(400);
  });
});
