import { describe, expect, it } from "vitest";
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { planConversationChangeDelivery, rooms, roomsForConversationChange } from "./rooms";

const facts = (overrides: Partial<ListFacts> = {}): ListFacts => ({
  status: "open",
  bucket: "active",
  assigneeId: null,
  spamMarkedById: null,
  ...overrides,
});

describe("who hears a change to one conversation", () => {
  it("a chat taken out of the queue: the queue room loses sight of it, the new assignee and All access see it", () => {
    const plan = planConversationChangeDelivery("t1", facts({ assigneeId: "ann" }), facts());
    expect(plan.seeing.sort()).toEqual([rooms.agent("ann"), rooms.tenantAllChats("t1")].sort());
    expect(plan.lostSight).toEqual([rooms.tenantQueue("t1")]);
  });

  it("a reassignment: the previous assignee loses sight; a change that keeps who sees it loses nobody", () => {
    expect(
      planConversationChangeDelivery("t1", facts({ assigneeId: "ann" }), facts({ assigneeId: "bob" })).lostSight,
    ).toEqual([rooms.agent("bob")]);
    expect(
      planConversationChangeDelivery("t1", facts({ status: "resolved", bucket: "resolved" }), facts()).lostSight,
    ).toEqual([]);
    expect(planConversationChangeDelivery("t1", facts(), null).lostSight).toEqual([]);
  });

  it("in Spam the marker sees it; a suspected or banned chat is in nobody's queue", () => {
    expect(
      planConversationChangeDelivery("t1", facts({ bucket: "spam", spamMarkedById: "sam" }), facts()).seeing.sort(),
    ).toEqual([rooms.agent("sam"), rooms.tenantAllChats("t1")].sort());
    expect(planConversationChangeDelivery("t1", facts({ bucket: "suspected" }), null).seeing).toEqual([
      rooms.tenantAllChats("t1"),
    ]);
  });

  it("every room that saw it before or after hears of the change, each once", () => {
    const after = facts({ assigneeId: "ann" });
    const before = facts({ assigneeId: "ann", bucket: "spam", spamMarkedById: "ann" });
    expect(roomsForConversationChange("t1", "c1", after, before).sort()).toEqual(
      [rooms.agent("ann"), rooms.tenantAllChats("t1")].sort(),
    );
  });
});
