// The Waiting list — the live-chat queue in queue order, with its count — and "take next" (issue 14,
// item 3), on a real database.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { countConversations, listConversations } from "@/lib/inbox/list-conversations";
import { takeNextConversation } from "@/lib/inbox/take-next-conversation";
import { getConversation } from "@/lib/inbox/get-conversation";
import { describeEvent } from "@/lib/inbox/conversation-events";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { POST as takeNextRoute } from "@/app/api/v1/conversations/take-next/route";
import { GET as countsRoute } from "@/app/api/v1/conversations/counts/route";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2026-03-03T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
let counter = 0;

/** A visitor's chat that asks for an agent at `queuedAt`, after its last message at `lastAt`. */
async function queuedChat(db: Db, team: Team, queuedAt: Date, lastAt: Date) {
  const chat = await receiveMessage(
    db,
    team.service,
    { channel: "webchat", from: `visitor-q-${counter++}`, text: "hello" },
    minutes(-60),
  );
  expect(
    await connectToLiveChat({ db, actor: team.service, input: { conversationId: chat.conversationId }, now: queuedAt }),
  ).toMatchObject({ state: "Queued" });
  // Activity after queueing (the visitor keeps writing) must not change the queue order.
  await db.conversation.update({ where: { id: chat.conversationId }, data: { lastMessageAt: lastAt } });
  return chat.conversationId;
}

describe("the Waiting list", () => {
  it("is the queue, #1 first whatever the latest activity, paged in queue order, with its count", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    // Queued in order a, b, c; the newest activity is the other way round (what Unassigned shows first).
    const a = await queuedChat(db, team, minutes(1), minutes(30));
    const b = await queuedChat(db, team, minutes(2), minutes(20));
    const c = await queuedChat(db, team, minutes(3), minutes(10));
    const open = await receiveMessage(
      db,
      team.service,
      { channel: "webchat", from: "visitor-open", text: "just browsing" },
      minutes(40),
    );

    const unassigned = await listConversations.fromUntrusted({
      db,
      actor: team.agent.actor,
      input: { list: "unassigned" },
    });
    expect(unassigned.items.map((row) => row.id)).toEqual([open.conversationId, a, b, c]);
    const waiting = await listConversations.fromUntrusted({
      db,
      actor: team.limited.actor,
      input: { list: "waiting" },
    });
    expect(waiting.items.map((row) => row.id)).toEqual([a, b, c]);
    expect(await countConversations({ db, actor: team.limited.actor })).toMatchObject({ waiting: 3, unassigned: 4 });
    expect((await callApi(countsRoute, { key: team.service.key })).body).toMatchObject({ waiting: 3 });

    const first = await listConversations({ db, actor: team.agent.actor, input: { list: "waiting", limit: 2 } });
    const second = await listConversations.fromUntrusted({
      db,
      actor: team.agent.actor,
      input: { list: "waiting", limit: 2, cursor: first.nextCursor },
    });
    expect([...first.items, ...second.items].map((row) => row.id)).toEqual([a, b, c]);
    expect(second.nextCursor).toBeNull();
  });

  it("loses a chat that is taken, blocked or whose user is marked as spam", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const [a, b, c] = [
      await queuedChat(db, team, minutes(1), minutes(1)),
      await queuedChat(db, team, minutes(2), minutes(2)),
      await queuedChat(db, team, minutes(3), minutes(3)),
    ];
    await blockUserFromLiveChat.fromUntrusted({
      db,
      actor: team.agent.actor,
      conversationId: a,
      input: { BlockReason: "abuse" },
      now: minutes(4),
    });
    const { contact } = (await getConversation({ db, actor: team.admin.actor, conversationId: b, input: {} }))
      .conversation;
    await markContactAsSpam({ db, actor: team.agent.actor, contactId: contact.id });
    expect(
      (await listConversations.fromUntrusted({ db, actor: team.agent.actor, input: { list: "waiting" } })).items.map(
        (row) => row.id,
      ),
    ).toEqual([c]);
    expect(await countConversations({ db, actor: team.agent.actor })).toMatchObject({ waiting: 1 });
  });
});

describe("take next", () => {
  it("gives the agent the chat waiting longest, opened; the next agent the next; an empty queue: null", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const a = await queuedChat(db, team, minutes(1), minutes(30));
    const b = await queuedChat(db, team, minutes(2), minutes(20));

    const ann = await takeNextConversation({ db, actor: team.agent.actor });
    expect(ann.conversation).toMatchObject({
      id: a,
      status: "open",
      assignee: { id: team.agent.agent.id, name: "Ann Agent" },
    });
    const { events } = await getConversation({ db, actor: team.admin.actor, conversationId: a, input: {} });
    expect(events.map(describeEvent).at(-1)).toBe("Ann Agent took the conversation");
    // An agent limited to their own chats may take from the queue too.
    const bob = await takeNextConversation({ db, actor: team.limited.actor });
    expect(bob.conversation).toMatchObject({ id: b, assignee: { id: team.limited.agent.id } });
    expect(await takeNextConversation({ db, actor: team.agent.actor })).toEqual({ conversation: null });
    expect(await countConversations({ db, actor: team.agent.actor })).toMatchObject({ waiting: 0 });
  });

  it("gives two agents who take at the same time two different chats", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const queued = [
      await queuedChat(db, team, minutes(1), minutes(1)),
      await queuedChat(db, team, minutes(2), minutes(2)),
    ];
    const [first, second] = await Promise.all([
      takeNextConversation({ db, actor: team.agent.actor }),
      takeNextConversation({ db, actor: team.supervisor.actor }),
    ]);
    expect([first.conversation?.id, second.conversation?.id].sort()).toEqual([...queued].sort());
    const rows = await db.conversation.findMany({ where: { id: { in: queued } }, select: { assigneeId: true } });
    expect(rows.map((row) => row.assigneeId).sort()).toEqual([team.agent.agent.id, team.supervisor.agent.id].sort());
  });

  it("is POST /api/v1/conversations/take-next for the X-Agent-Id agent (400 without an acting agent)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const a = await queuedChat(db, team, minutes(1), minutes(1));
    const taken = await callApi(takeNextRoute, { key: team.service.key, agentId: team.agent.agent.id });
    expect(taken).toMatchObject({
      status: 200,
      body: { conversation: { id: a, status: "open", assignee: { id: team.agent.agent.id } } },
    });
    expect((await callApi(takeNextRoute, { key: team.service.key, agentId: team.agent.agent.id })).body).toEqual({
      conversation: null,
    });
    const anonymous = await callApi(takeNextRoute, { key: team.service.key });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.details.fields[0].field).toBe("X-Agent-Id");
  });
});
