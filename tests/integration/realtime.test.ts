import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { connectAgent, recordEvents, settle, startRealtime } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";

describe("realtime (Socket.io)", () => {
  let server: Awaited<ReturnType<typeof startRealtime>>;
  beforeAll(async () => {
    server = await startRealtime(testDatabase());
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses a handshake without a session cookie or with a forged one", async () => {
    const db = testDatabase().prisma;
    const { agent } = await createTeam(db);
    await expect(connectAgent(server.url, agent.actor, "")).rejects.toThrow("unauthenticated");
    await expect(connectAgent(server.url, agent.actor, "next-auth.session-token=forged")).rejects.toThrow(
      "unauthenticated",
    );
  });

  it("refuses a deactivated agent's session", async () => {
    const db = testDatabase().prisma;
    const { agent } = await createTeam(db);
    await db.agent.update({ where: { id: agent.agent.id }, data: { deactivatedAt: new Date() } });
    await expect(connectAgent(server.url, agent.actor)).rejects.toThrow("unauthenticated");
  });

  it("delivers an ingested message to agents of the same tenant and not to another tenant", async () => {
    const db = testDatabase().prisma;
    const ours = await createTeam(db);
    const theirs = await createTeam(db);
    const ourSocket = await connectAgent(server.url, ours.agent.actor);
    const theirSocket = await connectAgent(server.url, theirs.admin.actor);
    const ourEvents = recordEvents(ourSocket);
    const theirEvents = recordEvents(theirSocket);

    const result = await receiveMessage(db, ours.service, { text: "Where is my parcel?" });
    const event = await ourEvents.waitFor("message.created", (e) => e.message.id === result.messageId);
    expect(event.message).toMatchObject({ body: "Where is my parcel?", direction: "in" });
    expect(event.conversation).toMatchObject({ id: result.conversationId, bucket: "active", assignee: null });
    await settle();
    expect(theirEvents.events).toEqual([]);
    ourSocket.disconnect();
    theirSocket.disconnect();
  });

  it("keeps a limited agent to the queue and their own chats", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const limitedSocket = await connectAgent(server.url, team.limited.actor);
    const events = recordEvents(limitedSocket);

    const unassigned = await receiveMessage(db, team.service, { from: "+15550101001" });
    await events.waitFor("message.created", (e) => e.conversation.id === unassigned.conversationId);

    const others = await receiveMessage(db, team.service, { from: "+15550101002" });
    await db.conversation.update({ where: { id: others.conversationId }, data: { assigneeId: team.agent.agent.id } });
    const followUp = await receiveMessage(db, team.service, { from: "+15550101002", text: "still there?" });
    await settle();
    expect(events.named("message.created").some((e) => e.message.id === followUp.messageId)).toBe(false);
    limitedSocket.disconnect();
  });

  it("lets an agent join a conversation room only for a conversation they may see", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    const theirs = await receiveMessage(db, other.service);
    const ours = await receiveMessage(db, team.service);
    const socket = await connectAgent(server.url, team.agent.actor);
    const join = (id: string) =>
      new Promise<{ ok: boolean }>((resolve) => socket.emit("conversation.join", id, resolve));
    expect(await join(ours.conversationId)).toEqual({ ok: true });
    expect(await join(theirs.conversationId)).toEqual({ ok: false });
    expect(await join("no-such-id")).toEqual({ ok: false });
    socket.disconnect();
  });
});
