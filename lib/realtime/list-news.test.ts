import { describe, expect, it } from "vitest";
import type { LiveChatBlockView } from "@/lib/live-chat/block-view";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import { blacklistNews, liveChatBlockNews, sessionsContactNews, sessionsNews, sessionsSpamNews } from "./list-news";

function block(view: Partial<LiveChatBlockView>): LiveChatBlockView {
  return {
    status: "active",
    blockedAt: "2026-12-06T10:00:00.000Z",
    unblockedAt: null,
    ...view,
  } as LiveChatBlockView;
}

function liveChat(blocks: LiveChatBlockView[], version: string) {
  return { contactId: "c1", liveChat: { liveChat: null, liveChatBlocks: blocks, activityData: {}, version } };
}

describe("liveChatBlockNews", () => {
  it("counts a block placed, not a lift or an expiry, and ignores other changes of the contact", () => {
    const at = "2026-12-06T11:00:00.000Z";
    expect(liveChatBlockNews(liveChat([block({}), block({ blockedAt: at })], at))).toBe(1);
    expect(
      liveChatBlockNews(
        liveChat([block({ blockedAt: at, status: "lifted", unblockedAt: "2026-12-06T11:05:00Z" })], at),
      ),
    ).toBe(0);
    expect(liveChatBlockNews(liveChat([block({ blockedAt: at, status: "expired" })], at))).toBe(0);
    expect(liveChatBlockNews({ contactId: "c1" })).toBeNull();
    expect(
      liveChatBlockNews({ contactId: "c1", card: { name: "Ann", traits: [], version: "2026-12-06T11:00:00Z" } }),
    ).toBeNull();
  });
});

describe("blacklistNews", () => {
  it("counts bans placed; a deactivation is news without a count", () => {
    expect(blacklistNews({ placed: 3, deactivated: 1 })).toBe(3);
    expect(blacklistNews({ placed: 0, deactivated: 2 })).toBe(0);
    expect(blacklistNews({ placed: 0, deactivated: 0 })).toBeNull();
  });
});

function summary(facts: Partial<ListFacts> & { channel?: ConversationSummary["channel"] } = {}): ConversationSummary {
  const { assigneeId = null, ...rest } = facts;
  return {
    id: "conv-1",
    channel: "whatsapp",
    status: "open",
    bucket: "active",
    spamMarkedById: null,
    ...rest,
    assignee: assigneeId ? { id: assigneeId, name: "Ann" } : null,
  } as ConversationSummary;
}

const facts = (f: Partial<ListFacts> = {}): ListFacts => ({
  status: "open",
  bucket: "active",
  assigneeId: null,
  spamMarkedById: null,
  ...f,
});

describe("sessionsNews", () => {
  it("counts a new conversation; a change of a listed one is news without a count", () => {
    const news = sessionsNews({});
    expect(news({ conversation: summary(), previous: null })).toBe(1);
    expect(news({ conversation: summary({ status: "resolved", bucket: "resolved" }), previous: facts() })).toBe(0);
  });

  it("judges by the shown filters: a change in them before or after is news, elsewhere it is not", () => {
    const banned = sessionsNews({ status: "banned" });
    // Moved into Banned, and out of it: the row appears, then goes.
    expect(banned({ conversation: summary({ bucket: "banned" }), previous: facts() })).toBe(0);
    expect(banned({ conversation: summary(), previous: facts({ bucket: "banned" }) })).toBe(0);
    expect(banned({ conversation: summary(), previous: null })).toBeNull();
    expect(banned({ conversation: summary({ status: "resolved" }), previous: facts() })).toBeNull();

    const anns = sessionsNews({ agent: "ann" });
    expect(anns({ conversation: summary({ assigneeId: "ann" }), previous: facts() })).toBe(0);
    expect(anns({ conversation: summary(), previous: facts({ assigneeId: "ann" }) })).toBe(0);
    expect(anns({ conversation: summary({ assigneeId: "bob" }), previous: facts() })).toBeNull();
    expect(sessionsNews({ agent: "none" })({ conversation: summary(), previous: null })).toBe(1);

    const email = sessionsNews({ channel: "email" });
    expect(email({ conversation: summary(), previous: null })).toBeNull();
    expect(email({ conversation: summary({ channel: "email" }), previous: null })).toBe(1);
    expect(sessionsNews({ status: "waiting" })({ conversation: summary({ status: "waiting" }), previous: null })).toBe(
      1,
    );
  });

  it("a spam mark is news where one of its moves touches the shown filters", () => {
    const move = { previous: facts(), after: facts({ bucket: "spam", spamMarkedById: "ann" }), count: 2 };
    const event = {
      contactId: "c1",
      spam: true,
      actorName: "Ann",
      moves: [move],
      conversations: [],
      totalConversations: 2,
    };
    expect(sessionsSpamNews({})(event)).toBe(0);
    expect(sessionsSpamNews({ status: "spam" })(event)).toBe(0);
    expect(sessionsSpamNews({ status: "banned" })(event)).toBeNull();
  });
});

describe("sessionsContactNews", () => {
  const card = (name: string) => ({ name, traits: [], version: "2026-12-06T10:00:00.000Z" });

  it("is news when a shown contact's name changed, nothing for a trait, a block or a contact not shown", () => {
    const news = sessionsContactNews({ c1: "Ada", c2: "Bob" });
    expect(news({ contactId: "c1", card: card("Ada Lovelace") })).toBe(0);
    expect(news({ contactId: "c1", card: card("Ada") })).toBeNull();
    expect(news({ contactId: "c3", card: card("Someone") })).toBeNull();
    expect(news({ contactId: "c2" })).toBeNull();
    // Only the page's own rows count, not what an object inherits.
    expect(news({ contactId: "toString", card: card("x") })).toBeNull();
  });
});
