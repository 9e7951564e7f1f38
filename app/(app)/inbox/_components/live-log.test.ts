import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { LiveLog } from "./live-log";

const summary = (id: string, updatedAt: string) => ({ id, updatedAt }) as ConversationSummary;
const change = (id: string, updatedAt = "2025-01-01T10:00:00.000Z") => ({
  kind: "conversation" as const,
  conversation: summary(id, updatedAt),
});

describe("the inbox's live log", () => {
  it("drops a conversation's state older than one seen; an equal one is no news but not stale", () => {
    const log = new LiveLog();
    expect(log.note(summary("c1", "2025-01-01T10:00:01.000Z"))).toBe(true);
    expect(log.note(summary("c1", "2025-01-01T10:00:00.000Z"))).toBe(false);
    expect(log.note(summary("c1", "2025-01-01T10:00:01.000Z"))).toBe(true);
    expect(log.note(summary("c2", "2025-01-01T09:00:00.000Z"))).toBe(true);
  });

  it("gives a list fetch back the changes that arrived while it ran, once, from its first page's start", () => {
    const log = new LiveLog();
    log.record(change("before"));
    log.fetchStarted("all");
    log.record(change("during-1"));
    log.fetchStarted("all"); // the refetch's second page
    log.record(change("during-2"));
    expect(log.fetchEnded("all")?.map((c) => (c.kind === "conversation" ? c.conversation.id : ""))).toEqual([
      "during-1",
      "during-2",
    ]);
    expect(log.fetchEnded("all")).toEqual([]);
  });

  it("does not give back a change older than the state the answer brought", () => {
    const log = new LiveLog();
    log.fetchStarted("all");
    log.record(change("c1", "2025-01-01T10:00:01.000Z"));
    log.note(summary("c1", "2025-01-01T10:00:02.000Z")); // the answer's row
    expect(log.fetchEnded("all")).toEqual([]);
  });

  it("says so when more changes arrived during a fetch than it keeps (the list is then fetched again)", () => {
    const log = new LiveLog();
    log.fetchStarted("all");
    for (let i = 0; i < 2001; i++) log.record(change(`c${i}`));
    expect(log.fetchEnded("all")).toBeNull();
  });

  it("keeps the newest card of each contact, and gives a contact read the one that arrived while it ran", () => {
    const log = new LiveLog();
    const card = (name: string, version: string) => ({ name, traits: [], version });
    expect(log.noteCard("u1", card("Newer", "2025-01-01T10:00:02.000Z"))).toBe(true);
    const readStarted = log.cardPosition;
    expect(log.cardSince("u1", readStarted)).toBeNull();
    // An older edit's event, arriving late, is dropped.
    expect(log.noteCard("u1", card("Older", "2025-01-01T10:00:01.000Z"))).toBe(false);
    expect(log.cardSince("u1", readStarted)).toBeNull();
    expect(log.noteCard("u1", card("Newest", "2025-01-01T10:00:03.000Z"))).toBe(true);
    expect(log.cardSince("u1", readStarted)?.name).toBe("Newest");
    expect(log.cardSince("u2", readStarted)).toBeNull();
  });

  it("keeps each contact's newest live-chat state apart from its card; a read gets the one that came during it", () => {
    const log = new LiveLog();
    const state = (version: string) => ({ liveChat: null, liveChatBlocks: [], activityData: {}, version });
    const readStarted = log.cardPosition;
    expect(log.noteLiveChat("u1", state("2025-01-01T10:00:02.000Z"))).toBe(true);
    // A card's version is its own clock: a card noted now does not make the live-chat state stale.
    expect(log.noteCard("u1", { name: "N", traits: [], version: "2025-01-01T11:00:00.000Z" })).toBe(true);
    expect(log.noteLiveChat("u1", state("2025-01-01T10:00:01.000Z"))).toBe(false);
    expect(log.liveChatSince("u1", readStarted)?.version).toBe("2025-01-01T10:00:02.000Z");
    expect(log.liveChatSince("u1", log.cardPosition)).toBeNull();
    expect(log.noteLiveChat("u1", state("2025-01-01T10:00:02.000Z"))).toBe(true);
  });
});
