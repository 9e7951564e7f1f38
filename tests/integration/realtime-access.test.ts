// Who may keep a socket, and what it keeps hearing: client addresses on handshakes, and access that is
// taken away while a socket is open.
import { describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { testDatabase } from "../helpers/test-database";
import {
  connectAgent,
  recordEvents,
  settle,
  startRealtime,
  useRealtimeServer,
  type AgentSocket,
} from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { rooms } from "@/lib/realtime/rooms";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { updateContact } from "@/lib/contacts/update-contact";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { createBan } from "@/lib/blacklist/manage-bans";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { setAgentActive, updateAgent } from "@/lib/agents/manage-agents";
import { clientAddressResolver, parseTrustedProxies } from "@/lib/http/client-address";
import { FAILED_HANDSHAKES_PER_ADDRESS } from "@/lib/realtime/io-server";
import { newSite } from "../helpers/addresses";

/** Tries a handshake with a made-up cookie; answers the server's refusal. */
function failedHandshake(url: string, headers: Record<string, string>): Promise<string> {
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: "next-auth.session-token=forged", ...headers },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(error.message);
    });
    socket.once("connect", () => {
      socket.close();
      resolve("connected");
    });
  });
}

describe("socket handshakes and client addresses", () => {
  it("takes the socket's address, not a client's X-Forwarded-For, unless the peer is a trusted proxy", async () => {
    const direct = await startRealtime(testDatabase());
    const behindProxy = await startRealtime(testDatabase(), {
      resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")),
    });
    try {
      const { agent } = await createTeam(testDatabase().prisma);
      const headers = { "x-forwarded-for": "198.51.100.23" };
      const a = await connectAgent(direct.url, agent.actor, undefined, headers);
      const b = await connectAgent(behindProxy.url, agent.actor, undefined, headers);
      expect((await direct.io.fetchSockets()).map((s) => s.data.clientAddress)).toEqual(["127.0.0.1"]);
      expect((await behindProxy.io.fetchSockets()).map((s) => s.data.clientAddress)).toEqual(["198.51.100.23"]);
      a.disconnect();
      b.disconnect();
    } finally {
      await direct.close();
      await behindProxy.close();
    }
  });

  it("refuses an address after too many refused handshakes, other addresses still connect", async () => {
    // Behind a (loopback) proxy, so the test can speak for many client addresses.
    const server = await startRealtime(testDatabase(), {
      resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")),
    });
    try {
      const { agent } = await createTeam(testDatabase().prisma);
      const site = newSite();
      const guesser = { "x-forwarded-for": `${site}:1::7` };
      for (let i = 0; i < FAILED_HANDSHAKES_PER_ADDRESS.limit; i++)
        expect(await failedHandshake(server.url, guesser)).toBe("unauthenticated");
      expect(await failedHandshake(server.url, guesser)).toBe("rate_limited");
      await expect(connectAgent(server.url, agent.actor, undefined, guesser)).rejects.toThrow("rate_limited");
      const colleague = await connectAgent(server.url, agent.actor, undefined, {
        "x-forwarded-for": `${site}:2::7`,
      });
      colleague.disconnect();
    } finally {
      await server.close();
    }
  });
});

describe("access taken away from an open socket", () => {
  const server = useRealtimeServer();

  const db = () => testDatabase().prisma;
  const join = (socket: AgentSocket, conversationId: string) =>
    new Promise<{ ok: boolean }>((resolve) => socket.emit("conversation.join", conversationId, resolve));
  const heard = (events: ReturnType<typeof recordEvents>, messageId: string) =>
    events.named("message.created").some((e) => e.message.id === messageId);
  const dropped = (socket: AgentSocket) =>
    new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve("still connected after 3 s"), 3_000);
      socket.once("disconnect", (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  it("a chat reassigned from the queue: an agent limited to own chats who had it open stops hearing it", async () => {
    const team = await createTeam(db());
    const from = "+15550122001";
    const chat = await receiveMessage(db(), team.service, { from });
    const bob = await connectAgent(server.url, team.limited.actor);
    expect(await join(bob, chat.conversationId)).toEqual({ ok: true });
    const events = recordEvents(bob);
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    // Told that it left his lists…
    await events.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.conversation.assignee?.id === team.agent.agent.id,
    );
    // …out of its room (nothing emitted there reaches him)…
    expect(await server.io.in(rooms.conversation(chat.conversationId)).fetchSockets()).toEqual([]);
    // …and nothing more of it.
    const next = await receiveMessage(db(), team.service, {
      from,
      conversationId: chat.conversationId,
      text: "here is my address",
    });
    await settle();
    expect(heard(events, next.messageId)).toBe(false);
    bob.disconnect();
  });

  it("a change's timeline lines reach only agents who see the chat now; others hear only where it went", async () => {
    const team = await createTeam(db());
    const chat = await receiveMessage(db(), team.service, { from: "+15550122003" });
    const bob = await connectAgent(server.url, team.limited.actor);
    const ann = await connectAgent(server.url, team.agent.actor);
    const [bobEvents, annEvents] = [recordEvents(bob), recordEvents(ann)];
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    const isTheChange = (e: { conversation: { id: string; assignee: { id: string } | null } }) =>
      e.conversation.id === chat.conversationId && e.conversation.assignee?.id === team.agent.agent.id;
    const seen = await annEvents.waitFor("conversation.updated", isTheChange);
    expect(seen.timeline).toEqual([
      expect.objectContaining({
        type: "assigned",
        data: expect.objectContaining({ assigneeId: team.agent.agent.id, actorName: "Ada Admin" }),
      }),
    ]);
    const lost = await bobEvents.waitFor("conversation.updated", isTheChange);
    expect(lost.timeline).toBeUndefined();
    await settle();
    // Each socket heard the change once.
    expect(bobEvents.named("conversation.updated").filter(isTheChange)).toHaveLength(1);
    expect(annEvents.named("conversation.updated").filter(isTheChange)).toHaveLength(1);
    bob.disconnect();
    ann.disconnect();
  });

  it("an edit of a contact's card reaches, with the card, only agents who may see the contact", async () => {
    const team = await createTeam(db());
    const chat = await receiveMessage(db(), team.service, { from: "+15550122004" });
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    const bob = await connectAgent(server.url, team.limited.actor);
    const ann = await connectAgent(server.url, team.agent.actor);
    const [bobEvents, annEvents] = [recordEvents(bob), recordEvents(ann)];
    await updateContact({
      db: db(),
      actor: team.admin.actor,
      contactId: chat.contactId,
      input: { name: "Renamed Contact", set: [{ key: "plan", type: "text", value: "pro" }], remove: [] },
    });
    const event = await annEvents.waitFor("contact.updated", (e) => e.contactId === chat.contactId);
    expect(event.card).toMatchObject({
      name: "Renamed Contact",
      traits: [expect.objectContaining({ key: "plan", value: "pro" })],
      version: expect.any(String),
    });
    expect(event.card.seenThrough).toBeUndefined();
    await settle();
    // Bob (limited to his own chats and the queue) may not see this contact: he hears nothing of it.
    expect(bobEvents.named("contact.updated")).toEqual([]);
    bob.disconnect();
    ann.disconnect();
  });

  it("a block and its lifting carry the line, context and card's block state, only to who may see them", async () => {
    const team = await createTeam(db());
    const chat = await receiveMessage(db(), team.service, { channel: "webchat", from: "visitor-rt-block-1" });
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    const bob = await connectAgent(server.url, team.limited.actor);
    const ann = await connectAgent(server.url, team.agent.actor);
    const [bobEvents, annEvents] = [recordEvents(bob), recordEvents(ann)];

    const { block } = await blockUserFromLiveChat.fromUntrusted({
      db: db(),
      actor: team.agent.actor,
      conversationId: chat.conversationId,
      input: { BlockReason: "Rude to the team", BlockIntervalMinutes: 60 },
    });
    const blocked = await annEvents.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.timeline?.[0]?.type === "live_chat_blocked",
    );
    expect(blocked.context).toMatchObject({ LiveChatBlockedUntil: block.blockedUntil });
    const card = await annEvents.waitFor("contact.updated", (e) => e.contactId === chat.contactId && e.liveChat);
    expect(card.liveChat).toMatchObject({
      liveChat: null, // an anonymous visitor: the block is the chat's, not the Live Chat Blacklist's
      liveChatBlocks: [expect.objectContaining({ id: block.id, status: "active", reason: "Rude to the team" })],
      version: block.blockedAt,
    });
    expect(card.liveChat.seenThrough).toBeUndefined();
    // The visitor asks for an agent while blocked: the refusal's line comes with its event.
    await connectToLiveChat({ db: db(), actor: team.service, input: { conversationId: chat.conversationId } });
    const refused = await annEvents.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.timeline?.[0]?.type === "live_chat_refused",
    );
    expect(refused.timeline).toHaveLength(1);

    await unblockLiveChatBlock({ db: db(), actor: team.admin.actor, blockId: block.id });
    const lifted = await annEvents.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.timeline?.[0]?.type === "live_chat_unblocked",
    );
    expect(lifted.context).toMatchObject({ LiveChatBlockedUntil: null });
    const after = await annEvents.waitFor(
      "contact.updated",
      (e) => e.contactId === chat.contactId && e.liveChat?.liveChatBlocks[0]?.status === "lifted",
    );
    // Newer than the block's state: a browser holding that one takes this one, and never the reverse.
    expect(after.liveChat.version > card.liveChat.version).toBe(true);
    await settle();
    // Bob (limited to his own chats and the queue) may not see this chat or its contact: he hears nothing.
    expect(bobEvents.named("contact.updated")).toEqual([]);
    expect(bobEvents.named("conversation.updated").filter((e) => e.conversation.id === chat.conversationId)).toEqual(
      [],
    );
    bob.disconnect();
    ann.disconnect();
  });

  it("a banned sender's message moving their chat to Banned reaches who still sees it, with its line", async () => {
    const team = await createTeam(db());
    const from = "+15550122009";
    const chat = await receiveMessage(db(), team.service, { from });
    const admin = await connectAgent(server.url, team.admin.actor);
    const bob = await connectAgent(server.url, team.limited.actor);
    const [adminEvents, bobEvents] = [recordEvents(admin), recordEvents(bob)];
    await createBan({
      db: db(),
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: from, reason: "Abuse" },
      source: "api",
    });
    // The ban closed the chat; the sender writes into it again (the message is stored, held from the lists).
    const held = await receiveMessage(db(), team.service, {
      from,
      conversationId: chat.conversationId,
      text: "let me back in",
    });
    expect(held.admitted).toBe(false);
    const seen = await adminEvents.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.conversation.bucket === "banned",
    );
    expect(seen.message).toMatchObject({ id: held.messageId, body: "let me back in" });
    expect(seen.timeline).toEqual([expect.objectContaining({ type: "reopened_by_contact" })]);
    // Bob saw the chat in the queue and may not see a banned chat: he hears where it went, not what it got.
    const lost = await bobEvents.waitFor(
      "conversation.updated",
      (e) => e.conversation.id === chat.conversationId && e.conversation.bucket === "banned",
    );
    expect(lost.message).toBeUndefined();
    expect(lost.timeline).toBeUndefined();
    admin.disconnect();
    bob.disconnect();
  });

  it("a chat marked as spam by someone else: a limited agent who had it open stops hearing it", async () => {
    const team = await createTeam(db());
    const from = "+15550122002";
    const chat = await receiveMessage(db(), team.service, { from });
    const bob = await connectAgent(server.url, team.limited.actor);
    expect(await join(bob, chat.conversationId)).toEqual({ ok: true });
    const events = recordEvents(bob);
    await markContactAsSpam({ db: db(), actor: team.agent.actor, contactId: chat.contactId });
    expect(await server.io.in(rooms.conversation(chat.conversationId)).fetchSockets()).toEqual([]);
    const next = await receiveMessage(db(), team.service, {
      from,
      conversationId: chat.conversationId,
      text: "buy now",
    });
    await settle();
    expect(heard(events, next.messageId)).toBe(false);
    expect(await join(bob, chat.conversationId)).toEqual({ ok: false });
    bob.disconnect();
  });

  it("an agent who loses “can see All chats” is dropped, and reconnects into the queue's rooms only", async () => {
    const team = await createTeam(db());
    const from = "+15550122003";
    const chat = await receiveMessage(db(), team.service, { from });
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.supervisor.agent.id },
    });
    const ann = await connectAgent(server.url, team.agent.actor);
    const before = recordEvents(ann);
    const gone = dropped(ann);
    await updateAgent({
      db: db(),
      actor: team.admin.actor,
      input: { agentId: team.agent.agent.id, canSeeAllChats: false },
    });
    expect(await gone).toBe("io server disconnect");
    // The browser connects again at once (lib/realtime/use-realtime.ts).
    const again = await connectAgent(server.url, { ...team.agent.actor, canSeeAllChats: false });
    const after = recordEvents(again);
    const theirs = await receiveMessage(db(), team.service, {
      from,
      conversationId: chat.conversationId,
      text: "for the supervisor",
    });
    const queued = await receiveMessage(db(), team.service, { from: "+15550122004", text: "anyone?" });
    await after.waitFor("message.created", (e) => e.message.id === queued.messageId);
    expect(heard(after, theirs.messageId)).toBe(false);
    expect(heard(before, theirs.messageId)).toBe(false);
    again.disconnect();
  });

  it("a supervisor demoted to a limited agent is dropped the same way", async () => {
    const team = await createTeam(db());
    const chat = await receiveMessage(db(), team.service, { from: "+15550122005" });
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: chat.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    const sam = await connectAgent(server.url, team.supervisor.actor);
    const events = recordEvents(sam);
    const gone = dropped(sam);
    await updateAgent({
      db: db(),
      actor: team.admin.actor,
      input: { agentId: team.supervisor.agent.id, role: "AGENT", canSeeAllChats: false },
    });
    expect(await gone).toBe("io server disconnect");
    const next = await receiveMessage(db(), team.service, {
      from: "+15550122005",
      conversationId: chat.conversationId,
    });
    await settle();
    expect(heard(events, next.messageId)).toBe(false);
  });

  it("a deactivated agent is dropped and cannot connect again", async () => {
    const team = await createTeam(db());
    const ann = await connectAgent(server.url, team.agent.actor);
    const events = recordEvents(ann);
    const gone = dropped(ann);
    await setAgentActive({ db: db(), actor: team.admin.actor, agentId: team.agent.agent.id, active: false });
    expect(await gone).toBe("io server disconnect");
    await expect(connectAgent(server.url, team.agent.actor)).rejects.toThrow("unauthenticated");
    const next = await receiveMessage(db(), team.service, { from: "+15550122006" });
    await settle();
    expect(heard(events, next.messageId)).toBe(false);
  });
});
