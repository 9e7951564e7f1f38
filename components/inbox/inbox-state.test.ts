import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/inbox/conversation-summary";
import { inboxReducer, type InboxState } from "./inbox-state";

const me = { agentId: "a1", seesAllChats: true };

function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: "c1",
    channel: "whatsapp",
    status: "open",
    bucket: "active",
    contact: { id: "u1", name: "Quinn" },
    assignee: null,
    spamMarkedById: null,
    labels: [],
    lastMessageAt: "2025-01-01T10:00:00.000Z",
    lastMessagePreview: "hi",
    queuedAt: null,
    createdAt: "2025-01-01T09:00:00.000Z",
    ...overrides,
  };
}

function state(overrides: Partial<InboxState> = {}): InboxState {
  return {
    viewer: me,
    list: "all",
    rows: [],
    nextCursor: null,
    // What countConversations answers: every list but Resolved.
    counts: { all: 3, mine: 1, unassigned: 2, spam: 0 },
    selectedId: null,
    detail: null,
    contact: null,
    focusIndex: -1,
    pane: "list",
    checked: [],
    ...overrides,
  };
}

describe("inbox reducer: live counts", () => {
  it("moves the counts of the lists the server counts when a conversation is resolved", () => {
    const next = inboxReducer(state(), {
      type: "conversation.changed",
      conversation: summary({ status: "resolved", bucket: "resolved" }),
      previous: { bucket: "active", assigneeId: null, spamMarkedById: null },
    });
    expect(next.counts).toEqual({ all: 2, mine: 1, unassigned: 1, spam: 0 });
  });

  it("makes up no count for Resolved, which the server does not count", () => {
    const next = inboxReducer(state(), {
      type: "conversation.changed",
      conversation: summary({ status: "resolved", bucket: "resolved" }),
      previous: { bucket: "active", assigneeId: null, spamMarkedById: null },
    });
    expect(next.counts).not.toHaveProperty("resolved");
    const reopened = inboxReducer(next, {
      type: "conversation.changed",
      conversation: summary(),
      previous: { bucket: "resolved", assigneeId: null, spamMarkedById: null },
    });
    expect(reopened.counts).toEqual({ all: 3, mine: 1, unassigned: 2, spam: 0 });
  });

  it("applies a spam mark's moves to counted lists only", () => {
    const next = inboxReducer(state(), {
      type: "contact.spamChanged",
      event: {
        contactId: "u1",
        spam: false,
        actorName: "Ann",
        moves: [{ previous: { bucket: "spam", assigneeId: null, spamMarkedById: "a1" }, after: { bucket: "resolved", assigneeId: null, spamMarkedById: null }, count: 2 }],
        conversations: [],
        totalConversations: 2,
      },
    });
    expect(next.counts).toEqual({ all: 3, mine: 1, unassigned: 2, spam: 0 });
    expect(next.counts).not.toHaveProperty("resolved");
  });
});
