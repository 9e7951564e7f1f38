import { describe, expect, it } from "vitest";
import type { LiveChatBlockView } from "@/lib/live-chat/block-view";
import { blacklistNews, liveChatBlockNews } from "./list-news";

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
