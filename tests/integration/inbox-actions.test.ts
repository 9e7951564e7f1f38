import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { connectAgent, recordEvents, settle, startRealtime } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { setConversationLabel } from "@/lib/inbox/conversation-labels";
import { sendReply } from "@/lib/inbox/send-reply";
import { getConversation } from "@/lib/inbox/get-conversation";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { GET as getConversationRoute } from "@/app/api/v1/conversations/[id]/route";
import { POST as postReply } from "@/app/api/v1/conversations/[id]/messages/route";
import { POST as postAssignee } from "@/app/api/v1/conversations/[id]/assignee/route";
import { POST as postLabel, DELETE as deleteLabel } from "@/app/api/v1/conversations/[id]/labels/route";
import { GET as getOutbox } from "@/app/api/v1/outbox/route";
import { POST as ackOutbox } from "@/app/api/v1/outbox/[id]/ack/route";
import { GET as getContactRoute, PATCH as patchContact } from "@/app/api/v1/contacts/[id]/route";

describe("conversation actions", () => {
  let realtime: Awaited<ReturnType<typeof startRealtime>>;
  beforeAll(async () => {
    realtime = await startRealtime(testDatabase());
  });
  afterAll(async () => {
    await realtime.close();
  });

  it("assigns, re-assigns and unassigns with timeline events, audit, and a live move for both agents", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    await db.conversation.update({ where: { id: conversationId }, data: { status: "waiting" } });
    const annSocket = await connectAgent(realtime.url, team.agent.actor);
    const bobSocket = await connectAgent(realtime.url, team.limited.actor);
    const ann = recordEvents(annSocket);
    const bob = recordEvents(bobSocket);

    const taken = await assignConversation({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    expect(taken.conversation).toMatchObject({ status: "open", assignee: { id: team.agent.agent.id } });
    const annSees = await ann.waitFor("conversation.updated", (e) => e.conversation.id === conversationId);
    expect(annSees.previous).toEqual({ status: "waiting", bucket: "active", assigneeId: null, spamMarkedById: null });
    // Bob (queue only) sees it leave the Unassigned list…
    await bob.waitFor("conversation.updated", (e) => e.conversation.assignee?.id === team.agent.agent.id);

    await assignConversation({
      db,
      actor: team.supervisor.actor,
      conversationId,
      input: { assigneeId: team.limited.agent.id },
    });
    await bob.waitFor(
      "conversation.updated",
      (e) => e.conversation.assignee?.id === team.limited.agent.id && e.previous.assigneeId === team.agent.agent.id,
    );
    await assignConversation({ db, actor: team.supervisor.actor, conversationId, input: { assigneeId: null } });

    const detail = await getConversation({ db, actor: team.admin.actor, conversationId, input: {} });
    expect(detail.events.map((e) => describeEvent(e))).toEqual([
      "Ann Agent took the conversation",
      "Assigned to Bob Limited by Sam Supervisor",
      "Unassigned from Bob Limited by Sam Supervisor",
    ]);
    expect(
      await db.auditLog.count({ where: { targetId: conversationId, action: { startsWith: "conversation." } } }),
    ).toBe(3);

    // Assigning to the current assignee changes nothing and records nothing.
    expect(
      (await assignConversation({ db, actor: team.admin.actor, conversationId, input: { assigneeId: null } })).changed,
    ).toBe(false);
    annSocket.disconnect();
    bobSocket.disconnect();
  });

  it("limits agents without All access to the queue, never others' chats (404 read, 403 reassign)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const queued = await receiveMessage(db, team.service);
    const anns = await receiveMessage(db, team.service);
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: anns.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });

    await expect(
      assignConversation({
        db,
        actor: team.limited.actor,
        conversationId: queued.conversationId,
        input: { assigneeId: team.agent.agent.id },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await assignConversation({
      db,
      actor: team.limited.actor,
      conversationId: queued.conversationId,
      input: { assigneeId: team.limited.agent.id },
    });
    await expect(
      getConversation({ db, actor: team.limited.actor, conversationId: anns.conversationId, input: {} }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      assignConversation({
        db,
        actor: team.limited.actor,
        conversationId: anns.conversationId,
        input: { assigneeId: team.limited.agent.id },
      }),
    ).rejects.toMatchObject({ status: 404 });

    const viaApi = await callApi(getConversationRoute, {
      key: team.service.key,
      agentId: team.limited.agent.id,
      params: { id: anns.conversationId },
    });
    expect(viaApi.status).toBe(404);
    const other = await createTeam(db);
    const foreign = await callApi(getConversationRoute, {
      key: other.service.key,
      params: { id: anns.conversationId },
    });
    expect(foreign.status).toBe(404);

    const badAgent = await callApi(postAssignee, {
      key: team.service.key,
      params: { id: queued.conversationId },
      body: { assigneeId: other.agent.agent.id },
    });
    expect(badAgent.status).toBe(400);
    expect(badAgent.body.error.details.fields[0].field).toBe("assigneeId");
  });

  it("resolves and reopens, moving the conversation between Unassigned and Resolved", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    const resolved = await setConversationStatus({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { status: "resolved" },
    });
    expect(resolved.conversation).toMatchObject({ status: "resolved", bucket: "resolved" });
    expect(
      (await setConversationStatus({ db, actor: team.agent.actor, conversationId, input: { status: "resolved" } }))
        .changed,
    ).toBe(false);
    const reopened = await setConversationStatus({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { status: "open" },
    });
    expect(reopened.conversation).toMatchObject({ status: "open", bucket: "active" });
    await expect(
      setConversationStatus.fromUntrusted({ db, actor: team.agent.actor, conversationId, input: { status: "closed" } }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("reads at most the newest 500 lines of a stretch, with one line counting those left out", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    // An agent's script toggling a status: 520 lines after the one message, a millisecond apart.
    const start = Date.now() + 1000;
    await db.conversationEvent.createMany({
      data: Array.from({ length: 520 }, (_, i) => ({
        tenantId: team.tenant.id,
        conversationId,
        type: i % 2 ? "reopened" : "resolved",
        data: { actorId: team.agent.agent.id, actorName: "Ann Agent", n: i },
        createdAt: new Date(start + i),
      })),
    });
    const res = await callApi(getConversationRoute, { key: team.service.key, params: { id: conversationId } });
    expect(res.status).toBe(200);
    const events = res.body.events as Array<{ id: string; type: string; data: Record<string, unknown> }>;
    expect(events).toHaveLength(501);
    expect(events[0]).toMatchObject({ type: "lines_omitted", data: { count: 20 } });
    expect(describeEvent(events[0] as never)).toBe(
      "20 earlier lines between these messages not shown (the newest are)",
    );
    expect(events.slice(1).map((e) => e.data.n)).toEqual(Array.from({ length: 500 }, (_, i) => 20 + i));
    // A stretch within the cap reads whole, without the marker.
    await db.conversationEvent.deleteMany({ where: { conversationId, createdAt: { lt: new Date(start + 30) } } });
    const fewer = (await getConversation({ db, actor: team.admin.actor, conversationId, input: {} })).events;
    expect(fewer).toHaveLength(490);
    expect(fewer.some((e) => e.type === "lines_omitted")).toBe(false);
  });

  it("adds and removes labels by id or name, idempotently, through lib and API", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const billing = await db.label.create({ data: { tenantId: team.tenant.id, name: "Billing", color: "amber" } });
    const { conversationId } = await receiveMessage(db, team.service);
    const added = await setConversationLabel({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { labelId: billing.id },
      present: true,
    });
    expect(added.conversation.labels).toEqual([{ id: billing.id, name: "Billing", color: "amber" }]);
    expect(
      (
        await setConversationLabel({
          db,
          actor: team.agent.actor,
          conversationId,
          input: { label: "billing" },
          present: true,
        })
      ).changed,
    ).toBe(false);

    const removed = await callApi(deleteLabel, {
      key: team.service.key,
      method: "DELETE",
      params: { id: conversationId },
      body: { label: "BILLING" },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.conversation.labels).toEqual([]);
    const unknown = await callApi(postLabel, {
      key: team.service.key,
      params: { id: conversationId },
      body: { label: "nope" },
    });
    expect(unknown.status).toBe(404);
    const other = await createTeam(db);
    const foreignLabel = await db.label.create({ data: { tenantId: other.tenant.id, name: "Theirs" } });
    expect(
      (
        await callApi(postLabel, {
          key: team.service.key,
          params: { id: conversationId },
          body: { labelId: foreignLabel.id },
        })
      ).status,
    ).toBe(404);
    expect((await callApi(postLabel, { key: team.service.key, params: { id: conversationId }, body: {} })).status).toBe(
      400,
    );
  });

  it("stores a reply, queues it in the outbox to the contact's address; a connector acknowledges it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db, { defaultPhoneRegion: "GB" });
    const { conversationId } = await receiveMessage(db, team.service, { channel: "whatsapp", from: "07700 900555" });
    const reply = await sendReply({
      db,
      actor: team.agent.actor,
      conversationId,
      input: { body: "Hi! How can we help?" },
    });
    expect(reply.message).toMatchObject({
      direction: "out",
      authorAgentId: team.agent.agent.id,
      body: "Hi! How can we help?",
    });
    expect(reply.conversation.lastMessagePreview).toBe("Hi! How can we help?");

    const outbox = await callApi(getOutbox, { key: team.service.key, path: "/api/v1/outbox?status=pending" });
    expect(outbox.status).toBe(200);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({
        channel: "whatsapp",
        recipient: "+447700900555",
        body: "Hi! How can we help?",
        messageId: reply.message.id,
        status: "pending",
      }),
    ]);
    const id = outbox.body.items[0].id;
    const acked = await callApi(ackOutbox, { key: team.service.key, params: { id }, body: { status: "sent" } });
    expect(acked.body).toMatchObject({ status: "sent", attempts: 1, sentAt: expect.any(String) });
    expect((await callApi(getOutbox, { key: team.service.key, path: "/api/v1/outbox" })).body.items).toEqual([]);
    expect(
      (await callApi(ackOutbox, { key: team.service.key, params: { id }, body: { status: "failed", error: "x" } }))
        .status,
    ).toBe(409);
    expect(
      (await callApi(ackOutbox, { key: team.service.key, params: { id }, body: { status: "maybe" } })).status,
    ).toBe(400);
    // Agents are not connectors.
    expect((await callApi(getOutbox, { key: team.service.key, agentId: team.agent.agent.id })).status).toBe(403);
  });

  it("needs an author for replies sent with an API key: X-Agent-Id or the key's default agent", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    const noAuthor = await callApi(postReply, {
      key: team.service.key,
      params: { id: conversationId },
      body: { body: "hello" },
    });
    expect(noAuthor.status).toBe(400);
    expect(noAuthor.body.error.code).toBe("agent_required");

    const asAnn = await callApi(postReply, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      params: { id: conversationId },
      body: { body: "hello" },
    });
    expect(asAnn.status).toBe(201);
    expect(asAnn.body.message.authorAgentId).toBe(team.agent.agent.id);

    await db.apiKey.update({
      where: { id: team.service.apiKeyId },
      data: { defaultAgentId: team.supervisor.agent.id },
    });
    await settleAdmissionChanges(); // API keys are authenticated from the admission cache
    const asDefault = await callApi(postReply, {
      key: team.service.key,
      params: { id: conversationId },
      body: { body: "hi again" },
    });
    expect(asDefault.status).toBe(201);
    expect(asDefault.body.message.authorAgentId).toBe(team.supervisor.agent.id);

    const empty = await callApi(postReply, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      params: { id: conversationId },
      body: { body: "   " },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe("body");
  });

  it("notifies the assignee of a new message, or every agent while the chat is unassigned", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const annSocket = await connectAgent(realtime.url, team.agent.actor);
    const bobSocket = await connectAgent(realtime.url, team.limited.actor);
    const ann = recordEvents(annSocket);
    const bob = recordEvents(bobSocket);

    const first = await receiveMessage(db, team.service, { from: "+15550123001", text: "Anyone there?" });
    expect(await ann.waitFor("notification.created", (n) => n.conversationId === first.conversationId)).toMatchObject({
      body: "Anyone there?",
    });
    await bob.waitFor("notification.created", (n) => n.conversationId === first.conversationId);

    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId: first.conversationId,
      input: { assigneeId: team.limited.agent.id },
    });
    const second = await receiveMessage(db, team.service, { from: "+15550123001", text: "Hello?" });
    await bob.waitFor("notification.created", (n) => n.id === second.messageId);
    await settle();
    expect(ann.named("notification.created").some((n) => n.id === second.messageId)).toBe(false);
    annSocket.disconnect();
    bobSocket.disconnect();
  });
});

describe("contacts", () => {
  it("show identities, typed traits and visible conversations; PATCH sets traits by JSON type", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await receiveMessage(db, team.service, {
      channel: "email",
      from: "Pat@Example.com",
      contact: { name: "Pat" },
    });
    const patched = await callApi(patchContact, {
      key: team.service.key,
      method: "PATCH",
      params: { id: contactId },
      body: {
        name: "Pat Jones",
        traits: { plan: "pro", seats: 12, vip: true, renews: { type: "date", value: "2027-01-31" } },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe("Pat Jones");
    expect(patched.body.traits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "plan", type: "text", value: "pro" }),
        expect.objectContaining({ key: "seats", type: "number", value: "12" }),
        expect.objectContaining({ key: "vip", type: "boolean", value: "true" }),
        expect.objectContaining({ key: "renews", type: "date", value: "2027-01-31" }),
      ]),
    );
    const stored = await db.contactTrait.findFirstOrThrow({ where: { contactId, key: "seats" } });
    expect(stored.numberValue).toBe(12);

    const removed = await callApi(patchContact, {
      key: team.service.key,
      method: "PATCH",
      params: { id: contactId },
      body: { traits: { vip: null } },
    });
    expect(removed.body.traits.map((t: { key: string }) => t.key)).not.toContain("vip");

    const got = await callApi(getContactRoute, { key: team.service.key, params: { id: contactId } });
    expect(got.body).toMatchObject({
      identities: [{ channel: "email", identifier: "pat@example.com" }],
      conversations: [expect.objectContaining({ channel: "email" })],
    });
  });

  it("refuse system traits (403), bad values (400 naming the trait) and other tenants' contacts (404)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await receiveMessage(db, team.service);
    const system = await callApi(patchContact, {
      key: team.service.key,
      method: "PATCH",
      params: { id: contactId },
      body: { traits: { "Marked as Spam": true } },
    });
    expect(system.status).toBe(403);
    expect(system.body.error.code).toBe("system_trait");
    const bad = await callApi(patchContact, {
      key: team.service.key,
      method: "PATCH",
      params: { id: contactId },
      body: { traits: { seats: { type: "number", value: "many" } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("traits.seats");
    const badDate = await callApi(patchContact, {
      key: team.service.key,
      method: "PATCH",
      params: { id: contactId },
      body: { traits: { renews: { type: "date", value: "someday" } } },
    });
    expect(badDate.status).toBe(400);
    const other = await createTeam(db);
    expect((await callApi(getContactRoute, { key: other.service.key, params: { id: contactId } })).status).toBe(404);
  });

  it("hold at most 200 hand-set traits: a change past it is refused whole (400), removals still work", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId } = await receiveMessage(db, team.service);
    const patch = (traits: Record<string, unknown>) =>
      callApi(patchContact, { key: team.service.key, method: "PATCH", params: { id: contactId }, body: { traits } });
    const batch = (from: number, length = 100) =>
      Object.fromEntries(Array.from({ length }, (_, i) => [`k${from + i}`, "v"]));
    expect((await patch(batch(0))).status).toBe(200);
    expect((await patch(batch(100))).status).toBe(200);
    const over = await patch({ ...batch(200, 99), k0: "changed" });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields).toEqual([
      {
        field: "traits",
        message: expect.stringMatching(/^a contact has at most 200 traits \(this change would make 299\)/),
      },
    ]);
    // Nothing of the refused change was kept; changing existing traits and removing some still works.
    const traits = await db.contactTrait.findMany({ where: { contactId }, select: { key: true, value: true } });
    expect(traits).toHaveLength(200);
    expect(traits.find((t) => t.key === "k0")?.value).toBe("v");
    expect((await patch({ k0: "changed", k1: null, k2: null, extra: "yes" })).status).toBe(200);
    expect(await db.contactTrait.count({ where: { contactId } })).toBe(199);
  });

  it("hide the contact of someone else's chat from an agent without All access", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { contactId, conversationId } = await receiveMessage(db, team.service);
    expect(
      (
        await callApi(getContactRoute, {
          key: team.service.key,
          agentId: team.limited.agent.id,
          params: { id: contactId },
        })
      ).status,
    ).toBe(200);
    await assignConversation({
      db,
      actor: team.admin.actor,
      conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    expect(
      (
        await callApi(getContactRoute, {
          key: team.service.key,
          agentId: team.limited.agent.id,
          params: { id: contactId },
        })
      ).status,
    ).toBe(404);
  });
});
