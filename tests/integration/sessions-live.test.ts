// The Sessions page's live updates (app/(app)/sessions/live-updates.tsx): it hears the inbox's conversation
// events, which the server sends only to who may see the conversation. What each viewer hears — judged by the
// page's own news rule (lib/realtime/list-news.ts) — is about chats they may list, never another's; a banned
// sender's flood is no news to anyone, and a flood of normal messages refreshes a viewer's page at most once a
// second (the page's refresh scheduler, driven here by the events a real socket hears).
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import {
  connectAgent,
  settle,
  teamListeners,
  untilHeard,
  useRealtimeServer,
  type EventRecorder,
} from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { sendReply } from "@/lib/inbox/send-reply";
import { createBan } from "@/lib/blacklist/manage-bans";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { listSessions } from "@/lib/sessions/list-sessions";
import {
  sessionsContactNews,
  sessionsNews,
  sessionsSpamNews,
  type SessionsNewsFilters,
} from "@/lib/realtime/list-news";
import { patchContact } from "@/lib/contacts/update-contact";
import { RefreshScheduler } from "@/lib/realtime/refresh-scheduler";
import type { ContactUpdatedEvent, ConversationChangedEvent } from "@/lib/realtime/events";
import type { AgentActor } from "@/lib/auth/actor";

type Team = Awaited<ReturnType<typeof createTeam>>;

const db = () => testDatabase().prisma;

const CONVERSATION_EVENTS = ["conversation.updated", "message.created"] as const;

/** What a Sessions page with these filters makes of what a socket heard: its news, by conversation. */
function sessionsPageNews(events: EventRecorder, filters: SessionsNewsFilters = {}) {
  const judge = sessionsNews(filters);
  const news: Array<{ conversationId: string; count: number }> = [];
  for (const { name, payload } of events.events) {
    if ((CONVERSATION_EVENTS as readonly string[]).includes(name)) {
      const event = payload as ConversationChangedEvent;
      const count = judge(event);
      if (count !== null) news.push({ conversationId: event.conversation.id, count });
    } else if (name === "contact.spam_changed") {
      const count = sessionsSpamNews(filters)(payload);
      if (count !== null) news.push({ conversationId: "(spam mark)", count });
    }
  }
  return {
    news,
    newConversations: news.reduce((n, item) => n + item.count, 0),
    about: (conversationId: string) => news.filter((item) => item.conversationId === conversationId),
  };
}

const untilNews = (
  events: EventRecorder,
  check: (heard: ReturnType<typeof sessionsPageNews>) => boolean,
  filters: SessionsNewsFilters = {},
) => untilHeard(events, (e) => sessionsPageNews(e, filters), check);

/** The conversations the Sessions page lists for `actor` now. */
async function listed(actor: AgentActor, input: Record<string, string> = {}): Promise<Set<string>> {
  const page = await listSessions.fromUntrusted({ db: db(), actor, input: { limit: "100", ...input } });
  return new Set(page.items.map((item) => item.id));
}

describe("the Sessions page's live news", () => {
  const server = useRealtimeServer();

  it("a new chat, an assignment, a resolve, a spam mark: news for who may list it, never for who may not", async () => {
    const team: Team = await createTeam(db());
    const other: Team = await createTeam(db());
    const heard = await teamListeners(server.url, team, other);

    // Every conversation the limited agent's page heard of, checked listed for them when it was new.
    const limitedListed = new Set<string>();

    // A new conversation in the queue: every agent of the team may list it (a limited agent too).
    const customer = "+447700900900";
    const first = await receiveMessage(db(), team.service, { from: customer, text: "Where is my parcel?" });
    for (const who of [heard.admin, heard.supervisor, heard.agent, heard.limited])
      await untilNews(who, (s) => s.about(first.conversationId).some((item) => item.count === 1));
    expect(await listed(team.limited.actor)).toContain(first.conversationId);
    limitedListed.add(first.conversationId);
    // Only what a list row shows, and no other tenant.
    expect(sessionsPageNews(heard.otherAdmin).news).toEqual([]);

    // Assigned to Ann: it leaves the limited agent's list (news without a count), then they hear no more of it.
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: first.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await untilNews(heard.limited, (s) => s.about(first.conversationId).length === 2);
    expect(await listed(team.limited.actor)).not.toContain(first.conversationId);
    const limitedBefore = heard.limited.events.length;
    await setConversationStatus({
      db: db(),
      actor: team.agent.actor,
      conversationId: first.conversationId,
      input: { status: "resolved" },
    });
    expect(await listed(team.agent.actor, { status: "resolved" })).toContain(first.conversationId);
    // Resolved: news to who may list it, under "Resolved" too; not under "Open".
    await untilNews(heard.admin, (s) => s.about(first.conversationId).length === 3);
    await untilNews(heard.agent, (s) => s.about(first.conversationId).length === 1, { status: "resolved" });
    expect(sessionsPageNews(heard.agent, { agent: team.supervisor.agent.id }).about(first.conversationId)).toEqual([]);
    // Ann writes to the customer: the chat moves to the top, for who may list it.
    await sendReply({
      db: db(),
      actor: team.agent.actor,
      conversationId: first.conversationId,
      input: { body: "Bye" },
    });
    await untilNews(heard.admin, (s) => s.about(first.conversationId).length === 4);
    await settle(200);
    expect(heard.limited.events.slice(limitedBefore)).toEqual([]);

    // Marked as spam by Ann: everyone who may list one of its chats hears it; the limited agent does not.
    const marked = await receiveMessage(db(), team.service, { text: "cheap pills" });
    await untilNews(heard.limited, (s) => s.about(marked.conversationId).length === 1);
    expect(await listed(team.limited.actor)).toContain(marked.conversationId);
    limitedListed.add(marked.conversationId);
    await assignConversation({
      db: db(),
      actor: team.admin.actor,
      conversationId: marked.conversationId,
      input: { assigneeId: team.agent.agent.id },
    });
    await untilNews(heard.limited, (s) => s.about(marked.conversationId).length === 2);
    const limitedBeforeMark = heard.limited.events.length;
    await markContactAsSpam({ db: db(), actor: team.agent.actor, contactId: marked.contactId });
    for (const who of [heard.admin, heard.agent])
      await untilNews(who, (s) => s.about("(spam mark)").length === 1, { status: "spam" });
    await settle(200);
    expect(sessionsPageNews({ ...heard.limited, events: heard.limited.events.slice(limitedBeforeMark) }).news).toEqual(
      [],
    );

    // Whatever the limited agent's page counted is about a chat it listed for them.
    for (const item of sessionsPageNews(heard.limited).news) expect(limitedListed).toContain(item.conversationId);
    expect(sessionsPageNews(heard.otherAdmin).news).toEqual([]);
    heard.close();
  });

  it("a shown contact renamed is news to who lists them; a trait edit or a page not showing them is not", async () => {
    const team: Team = await createTeam(db());
    const heard = await teamListeners(server.url, team, await createTeam(db()));
    const chat = await receiveMessage(db(), team.service, { from: "+447700900901", text: "Hello" });
    // The names the admin's Sessions page shows, as app/(app)/sessions/page.tsx hands them to its live updates.
    const page = await listSessions.fromUntrusted({ db: db(), actor: team.admin.actor, input: {} });
    const shown = Object.fromEntries(page.items.map((session) => [session.contact.id, session.contact.name]));
    expect(Object.keys(shown)).toContain(chat.contactId);
    const cardEvents = (events: EventRecorder) =>
      events.events
        .filter((event) => event.name === "contact.updated")
        .map((event) => event.payload as ContactUpdatedEvent);
    const judged = (events: EventRecorder) => cardEvents(events).map(sessionsContactNews(shown));

    const edit = (input: Record<string, unknown>) =>
      patchContact.fromUntrusted({ db: db(), actor: team.agent.actor, contactId: chat.contactId, input });
    await edit({ traits: { plan: "gold" } });
    await untilHeard(heard.admin, judged, (news) => news.length === 1);
    await edit({ name: "Ada Lovelace" });
    expect(await untilHeard(heard.admin, judged, (news) => news.length === 2)).toEqual([null, 0]);
    // A page that does not show the contact (another filter, a later page) makes nothing of it.
    expect(cardEvents(heard.admin).map(sessionsContactNews({}))).toEqual([null, null]);
    await settle(200);
    expect(cardEvents(heard.otherAdmin)).toEqual([]);
    heard.close();
  });

  it("a ban resolves the sender's chat (news), and what they send after is no news to anyone", async () => {
    const team: Team = await createTeam(db());
    const other: Team = await createTeam(db());
    const heard = await teamListeners(server.url, team, other);
    const sender = "+447700900901";
    const chat = await receiveMessage(db(), team.service, { from: sender, text: "you will regret this" });
    await untilNews(heard.admin, (s) => s.about(chat.conversationId).length === 1);

    await createBan({
      db: db(),
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: sender, reason: "threats" },
      source: "admin_add",
    });
    for (const who of [heard.admin, heard.limited])
      await untilNews(who, (s) => s.about(chat.conversationId).length === 1, { status: "resolved" });
    await settle(1_100); // past the coalescing window of the ban's own blacklist.changed

    // What they send now is held (stored in a chat of their own that no inbox list shows, then in the cheap
    // lane): the Sessions page lists it when read, and no viewer's page hears of it.
    const before = Object.fromEntries(
      (["admin", "supervisor", "agent", "limited"] as const).map((who) => [who, heard[who].events.length]),
    );
    for (let i = 0; i < 15; i++) await receiveMessage(db(), team.service, { from: sender, text: `flood ${i}` });
    await settle(1_200);
    for (const who of ["admin", "supervisor", "agent", "limited"] as const)
      expect(heard[who].events.slice(before[who]!)).toEqual([]);
    const held = await db().conversation.findMany({ where: { tenantId: team.tenant.id, bucket: "banned" } });
    expect(held).toHaveLength(1);
    expect(await listed(team.admin.actor, { status: "banned" })).toEqual(new Set([held[0]!.id]));
    heard.close();
  });

  it("a flood of normal messages refreshes a viewer's page at most once a second, every new chat counted", async () => {
    const team: Team = await createTeam(db());
    const socket = await connectAgent(server.url, team.admin.actor);
    const judge = sessionsNews({});
    const refreshes: number[] = [];
    let counted = 0;
    const scheduler = new RefreshScheduler({
      // A page render takes a while: 50 ms here.
      refresh: () => {
        refreshes.push(Date.now());
        return new Promise((resolve) => setTimeout(resolve, 50));
      },
      mayApply: () => true,
      visible: () => true,
      onPending: () => {},
    });
    socket.onAny((name: string, payload: ConversationChangedEvent) => {
      if (!(CONVERSATION_EVENTS as readonly string[]).includes(name)) return;
      const count = judge(payload);
      if (count === null) return;
      counted += count;
      scheduler.changed(count);
    });

    const started = Date.now();
    const messages = 40;
    await Promise.all(
      Array.from({ length: messages }, (_, i) =>
        receiveMessage(db(), team.service, { from: `+1555019${String(1000 + i)}`, text: `order ${i}?` }),
      ),
    );
    const elapsed = Date.now() - started;
    for (const deadline = Date.now() + 5_000; counted < messages && Date.now() < deadline; ) await settle(20);
    await settle(1_300);
    scheduler.dispose();
    socket.disconnect();
    expect(counted).toBe(messages);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    // The first at once, then at most one a second: never one per message.
    expect(refreshes.length).toBeLessThanOrEqual(Math.ceil((elapsed + 1_300) / 1_000) + 1);
    expect(refreshes.length).toBeLessThan(messages / 4);
    for (let i = 1; i < refreshes.length; i++) expect(refreshes[i]! - refreshes[i - 1]!).toBeGreaterThanOrEqual(990);
  });
});
