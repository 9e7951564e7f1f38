import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { MessagePayload } from "@/lib/realtime/events";
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
    spamScore: null,
    spamReasons: [],
    createdAt: "2025-01-01T09:00:00.000Z",
    ...overrides,
  };
}

function state(overrides: Partial<InboxState> = {}): InboxState {
  return {
    viewer: me,
    list: "all",
    listStatus: "ready",
    rows: [],
    nextCursor: null,
    // What countConversations answers: every list but Resolved.
    counts: { all: 3, mine: 1, unassigned: 2, spam: 0 },
    selectedId: null,
    detail: null,
    detailError: null,
    contact: null,
    contactFailed: false,
    focusIndex: -1,
    pane: "list",
    checked: [],
    ...overrides,
  };
}

const message = (id: string, createdAt: string): MessagePayload => ({ id, conversationId: "c1", direction: "in", body: id, authorAgentId: null, spamScore: null, spamReasons: [], createdAt });

function detail(messages: MessagePayload[], olderMessagesCursor: string | null): ConversationDetail {
  return { conversation: { ...summary(), context: {} }, banHints: [], messages, olderMessagesCursor, events: [] };
}

describe("inbox reducer: live counts", () => {
  it("moves the counts of the lists the server counts when a conversation is resolved", () => {
    const next = inboxReducer(state(), {
      type: "conversation.changed",
      conversation: summary({ status: "resolved", bucket: "resolved" }),
      previous: { status: "open", bucket: "active", assigneeId: null, spamMarkedById: null },
    });
    expect(next.counts).toEqual({ all: 2, mine: 1, unassigned: 1, spam: 0 });
  });

  it("makes up no count for Resolved, which the server does not count", () => {
    const next = inboxReducer(state(), {
      type: "conversation.changed",
      conversation: summary({ status: "resolved", bucket: "resolved" }),
      previous: { status: "open", bucket: "active", assigneeId: null, spamMarkedById: null },
    });
    expect(next.counts).not.toHaveProperty("resolved");
    const reopened = inboxReducer(next, {
      type: "conversation.changed",
      conversation: summary(),
      previous: { status: "resolved", bucket: "resolved", assigneeId: null, spamMarkedById: null },
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
        moves: [{ previous: { status: "resolved", bucket: "spam", assigneeId: null, spamMarkedById: "a1" }, after: { status: "resolved", bucket: "resolved", assigneeId: null, spamMarkedById: null }, count: 2 }],
        conversations: [],
        totalConversations: 2,
      },
    });
    expect(next.counts).toEqual({ all: 3, mine: 1, unassigned: 2, spam: 0 });
    expect(next.counts).not.toHaveProperty("resolved");
  });
});

describe("inbox reducer: switching lists", () => {
  it("keeps the open conversation and ignores the answer of a list switched away from", () => {
    const open = detail([message("m1", "2025-01-01T10:00:00.000Z")], null);
    let next = inboxReducer(state({ rows: [summary()], selectedId: "c1", detail: open, focusIndex: 0, checked: ["c1"] }), { type: "list.switched", list: "unassigned" });
    expect(next).toMatchObject({ list: "unassigned", listStatus: "loading", rows: [], focusIndex: -1, checked: [], selectedId: "c1", detail: open });
    next = inboxReducer(next, { type: "list.loaded", list: "all", rows: [summary({ id: "late" })], nextCursor: null, append: false });
    expect(next.rows).toEqual([]);
    next = inboxReducer(next, { type: "list.loaded", list: "unassigned", rows: [summary()], nextCursor: "x", append: false });
    expect(next).toMatchObject({ listStatus: "ready", nextCursor: "x" });
    expect(next.rows.map((r) => r.id)).toEqual(["c1"]);
  });

  it("retries a list whose load failed", () => {
    const failed = inboxReducer(inboxReducer(state(), { type: "list.switched", list: "spam" }), { type: "list.failed", list: "spam" });
    expect(failed.listStatus).toBe("failed");
    expect(inboxReducer(failed, { type: "list.switched", list: "spam" }).listStatus).toBe("loading");
    expect(inboxReducer(state(), { type: "list.switched", list: "all" })).toEqual(state());
  });
});

describe("inbox reducer: the open conversation", () => {
  it("closes nothing on a failed load: a 404 says not available, other failures keep what is shown", () => {
    const open = state({ selectedId: "c1", detail: detail([], null) });
    expect(inboxReducer(open, { type: "detail.failed", id: "c1", error: "failed" })).toMatchObject({ selectedId: "c1", detailError: "failed", detail: open.detail });
    expect(inboxReducer(open, { type: "detail.failed", id: "c1", error: "not_found" })).toMatchObject({ selectedId: "c1", detailError: "not_found", detail: null });
    expect(inboxReducer(open, { type: "detail.failed", id: "other", error: "failed" })).toBe(open);
    const loaded = inboxReducer(inboxReducer(open, { type: "detail.failed", id: "c1", error: "failed" }), { type: "detail.loaded", detail: detail([], null) });
    expect(loaded.detailError).toBeNull();
  });

  it("prepends older messages and keeps them when the newest page is loaded again", () => {
    const newest = detail([message("m3", "2025-01-01T10:03:00.000Z"), message("m4", "2025-01-01T10:04:00.000Z")], "cursor-m3");
    let next = inboxReducer(state({ selectedId: "c1", detail: newest }), {
      type: "detail.olderLoaded",
      page: detail([message("m1", "2025-01-01T10:01:00.000Z"), message("m2", "2025-01-01T10:02:00.000Z")], null),
    });
    expect(next.detail?.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(next.detail?.olderMessagesCursor).toBeNull();
    // A refresh (e.g. after an assignment) answers the newest page again, with a new message.
    next = inboxReducer(next, { type: "detail.loaded", detail: detail([message("m4", "2025-01-01T10:04:00.000Z"), message("m5", "2025-01-01T10:05:00.000Z")], "cursor-m4") });
    expect(next.detail?.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(next.detail?.olderMessagesCursor).toBeNull();
  });
});
