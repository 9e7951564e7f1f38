import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";
import type { MessagePayload } from "@/lib/realtime/events";
import type { TimelineEvent } from "@/lib/conversations/timeline-events";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import {
  applyToListData,
  contactWithCard,
  countsAfterChange,
  countsAfterSpamChange,
  detailWithContactName,
  listWithContactName,
  mergeDetail,
  rowsOf,
  withConversation,
  withOlderPage,
  withSpamChange,
  spamLineFor,
  withTimeline,
  type Counts,
  type ListData,
} from "./inbox-cache";
import { cursorIndex, inboxReducer, type InboxUiState } from "./inbox-state";

const me = { agentId: "a1", seesAllChats: true };
const all = { list: "all" as const, viewer: me };

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
    updatedAt: "2025-01-01T10:00:00.000Z",
    ...overrides,
  };
}

const listData = (pages: Array<{ items: ConversationSummary[]; nextCursor: string | null }>): ListData => ({
  pages,
  pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
});

// What countConversations answers: every list but Resolved.
const counts: Counts = { all: 3, mine: 1, unassigned: 2, spam: 0 };
const openUnassigned = { status: "open", bucket: "active", assigneeId: null, spamMarkedById: null } as const;

const message = (id: string, createdAt: string): MessagePayload => ({
  id,
  conversationId: "c1",
  direction: "in",
  body: id,
  authorAgentId: null,
  spamScore: null,
  spamReasons: [],
  createdAt,
});

function detail(
  messages: MessagePayload[],
  olderMessagesCursor: string | null,
  conversation = summary(),
): ConversationDetail {
  return { conversation: { ...conversation, context: {} }, banHints: [], messages, olderMessagesCursor, events: [] };
}

describe("inbox cache: live counts", () => {
  it("moves the server-counted lists' counts when a conversation is resolved; makes up none for Resolved", () => {
    const resolved = countsAfterChange(counts, me, summary({ status: "resolved", bucket: "resolved" }), openUnassigned);
    expect(resolved).toEqual({ all: 2, mine: 1, unassigned: 1, spam: 0 });
    const reopened = countsAfterChange(resolved, me, summary(), {
      status: "resolved",
      bucket: "resolved",
      assigneeId: null,
      spamMarkedById: null,
    });
    expect(reopened).toEqual(counts);
  });

  it("lands on the same counts whichever order two changes of one conversation arrive in", () => {
    const assigned = summary({ assignee: { id: "a1", name: "Ann" } });
    const assignedFacts = { ...openUnassigned, assigneeId: "a1" };
    const resolved = summary({ assignee: { id: "a1", name: "Ann" }, status: "resolved", bucket: "resolved" });
    const inOrder = countsAfterChange(
      countsAfterChange(counts, me, assigned, openUnassigned),
      me,
      resolved,
      assignedFacts,
    );
    const reversed = countsAfterChange(
      countsAfterChange(counts, me, resolved, assignedFacts),
      me,
      assigned,
      openUnassigned,
    );
    expect(reversed).toEqual(inOrder);
    expect(inOrder).toEqual({ all: 2, mine: 1, unassigned: 1, spam: 0 });
  });

  it("applies a spam mark's moves to counted lists only", () => {
    const next = countsAfterSpamChange(counts, me, {
      contactId: "u1",
      spam: false,
      actorName: "Ann",
      moves: [
        {
          previous: { status: "resolved", bucket: "spam", assigneeId: null, spamMarkedById: "a1" },
          after: { status: "resolved", bucket: "resolved", assigneeId: null, spamMarkedById: null },
          count: 2,
        },
      ],
      conversations: [],
      totalConversations: 2,
    });
    expect(next).toEqual(counts);
    expect(next).not.toHaveProperty("resolved");
  });
});

describe("inbox cache: list rows", () => {
  it("places a new conversation in order and takes a resolved one out", () => {
    const older = summary({ id: "c0", lastMessageAt: "2025-01-01T09:00:00.000Z" });
    let data = listData([{ items: [older], nextCursor: null }]);
    data = applyToListData(data, all, { kind: "conversation", conversation: summary() });
    expect(rowsOf(data).map((row) => row.id)).toEqual(["c1", "c0"]);
    data = applyToListData(data, all, {
      kind: "conversation",
      conversation: summary({ status: "resolved", bucket: "resolved", updatedAt: "2025-01-01T10:05:00.000Z" }),
    });
    expect(rowsOf(data).map((row) => row.id)).toEqual(["c0"]);
  });

  it("keeps the cursors of every loaded page (the next page and a refetch need them)", () => {
    const first = summary({ id: "c2", lastMessageAt: "2025-01-01T11:00:00.000Z" });
    const second = summary({ id: "c0", lastMessageAt: "2025-01-01T09:00:00.000Z" });
    const data = applyToListData(
      listData([
        { items: [first], nextCursor: "cursor-1" },
        { items: [second], nextCursor: "cursor-2" },
      ]),
      all,
      { kind: "conversation", conversation: summary() },
    );
    expect(rowsOf(data).map((row) => row.id)).toEqual(["c2", "c1", "c0"]);
    expect(data.pageParams).toEqual([null, "cursor-1"]);
    expect(data.pages.map((page) => page.nextCursor)).toEqual(["cursor-1", "cursor-2"]);
  });

  it("leaves a conversation past the loaded pages to the next page", () => {
    const loaded = summary({ id: "c2", lastMessageAt: "2025-01-01T11:00:00.000Z" });
    const data = listData([{ items: [loaded], nextCursor: "cursor-1" }]);
    expect(rowsOf(applyToListData(data, all, { kind: "conversation", conversation: summary() }))).toEqual([loaded]);
  });

  it("shows each conversation once when a page fetched later repeats a row", () => {
    expect(
      rowsOf(
        listData([
          { items: [summary()], nextCursor: "x" },
          { items: [summary()], nextCursor: null },
        ]),
      ),
    ).toHaveLength(1);
  });

  it("moves every row of a contact marked as spam out of All, the ones the event does not carry too", () => {
    const rows = [
      summary({ id: "c1" }),
      summary({ id: "c2", lastMessageAt: "2025-01-01T09:00:00.000Z" }),
      summary({ id: "c3", contact: { id: "u2", name: "Rae" }, lastMessageAt: "2025-01-01T08:00:00.000Z" }),
    ];
    const marked = { status: "open", bucket: "spam", assigneeId: null, spamMarkedById: "a1" } as const;
    const data = applyToListData(listData([{ items: rows, nextCursor: null }]), all, {
      kind: "contact-spam",
      event: {
        contactId: "u1",
        spam: true,
        actorName: "Ann",
        moves: [{ previous: openUnassigned, after: marked, count: 2 }],
        conversations: [summary({ bucket: "spam", spamMarkedById: "a1" })],
        totalConversations: 2,
      },
    });
    expect(rowsOf(data).map((row) => row.id)).toEqual(["c3"]);
  });
});

describe("inbox cache: the open conversation", () => {
  it("keeps older messages and live ones when the newest page is loaded again", () => {
    const newest = detail(
      [message("m3", "2025-01-01T10:03:00.000Z"), message("m4", "2025-01-01T10:04:00.000Z")],
      "cursor-m3",
    );
    let held = withOlderPage(
      newest,
      detail([message("m1", "2025-01-01T10:01:00.000Z"), message("m2", "2025-01-01T10:02:00.000Z")], null),
    );
    expect(held.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(held.olderMessagesCursor).toBeNull();
    // A refresh (e.g. after an assignment) answers the newest page again, with a new message.
    held = mergeDetail(
      held,
      detail([message("m4", "2025-01-01T10:04:00.000Z"), message("m5", "2025-01-01T10:05:00.000Z")], "cursor-m4"),
    );
    expect(held.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(held.olderMessagesCursor).toBeNull();
  });

  it("keeps the newer state of its header: an older event or answer changes nothing", () => {
    const newer = summary({ status: "resolved", bucket: "resolved", updatedAt: "2025-01-01T10:10:00.000Z" });
    const held = withConversation(detail([], null), newer);
    expect(held.conversation.status).toBe("resolved");
    expect(withConversation(held, summary({ updatedAt: "2025-01-01T10:05:00.000Z" }))).toBe(held);
    // An answer read before the change landed after its event: the event's state stays.
    expect(
      mergeDetail(held, detail([], null, summary({ updatedAt: "2025-01-01T10:05:00.000Z" }))).conversation.status,
    ).toBe("resolved");
  });
});

describe("inbox cache: timeline lines carried by events", () => {
  const line = (id: string, createdAt: string): TimelineEvent => ({
    id,
    type: "resolved",
    data: { actorId: "a2", actorName: "Ada" },
    createdAt,
  });

  it("merges an event's lines into the held timeline once, in time order, and keeps the header's version rule", () => {
    const held = { ...detail([], null), events: [line("e2", "2025-01-01T10:02:00.000Z")] };
    const resolved = summary({ status: "resolved", bucket: "resolved", updatedAt: "2025-01-01T10:03:00.000Z" });
    let next = withConversation(withTimeline(held, [line("e3", "2025-01-01T10:03:00.000Z")]), resolved);
    expect(next.events.map((e) => e.id)).toEqual(["e2", "e3"]);
    expect(next.conversation.status).toBe("resolved");
    // The same event again (or its line read back by a reload) changes nothing.
    expect(withTimeline(next, [line("e3", "2025-01-01T10:03:00.000Z")])).toBe(next);
    // An older event arriving late: its summary is dropped, its line (history) still joins, in its place.
    next = withConversation(
      withTimeline(next, [line("e1", "2025-01-01T10:01:00.000Z")]),
      summary({ updatedAt: "2025-01-01T10:01:00.000Z" }),
    );
    expect(next.events.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
    expect(next.conversation.status).toBe("resolved");
    // A reload answering the lines again keeps each once.
    const reloaded = { ...detail([], null, resolved), events: [line("e2", "2025-01-01T10:02:00.000Z")] };
    expect(mergeDetail(next, reloaded).events.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("a repeated refusal's line comes again grown: the grown copy replaces the held one, never the reverse", () => {
    const refusal = (attempts?: number): TimelineEvent => ({
      id: "r1",
      type: "live_chat_refused",
      data: {
        state: "IsBanned",
        via: "widget",
        ...(attempts ? { attempts, lastAttemptAt: "2025-01-01T10:09:00Z" } : {}),
      },
      createdAt: "2025-01-01T10:05:00.000Z",
    });
    const held = { ...detail([], null), events: [line("e2", "2025-01-01T10:02:00.000Z"), refusal()] };
    const grown = withTimeline(held, [refusal(3)]);
    expect(grown.events.map((e) => [e.id, e.type === "live_chat_refused" ? e.data.attempts : null])).toEqual([
      ["e2", null],
      ["r1", 3],
    ]);
    // An older copy arriving late (an earlier attempt's event, a page read before it grew) changes nothing.
    expect(withTimeline(grown, [refusal(2)])).toBe(grown);
    expect(withTimeline(grown, [refusal()])).toBe(grown);
    const reloadedOlder = { ...detail([], null), events: [refusal(2)] };
    expect(mergeDetail(grown, reloadedOlder).events.find((e) => e.id === "r1")).toMatchObject({
      data: { attempts: 3 },
    });
    const reloadedNewer = { ...detail([], null), events: [refusal(4)] };
    expect(mergeDetail(grown, reloadedNewer).events.find((e) => e.id === "r1")).toMatchObject({
      data: { attempts: 4 },
    });
  });
});

describe("inbox cache: a contact's edited card", () => {
  it("renames the contact on its card, in its conversation's header and in list rows; others stay as they were", () => {
    const quinn = summary();
    const other = summary({ id: "c2", contact: { id: "u2", name: "Rae" } });
    const contact = {
      id: "u1",
      name: "Quinn",
      traits: [],
      conversations: [quinn],
    } as unknown as ContactDetail;
    const card = {
      name: "Quinn Q.",
      traits: [{ key: "plan", type: "text" as const, value: "pro", system: false, updatedAt: quinn.updatedAt }],
      version: "2025-01-01T11:00:00.000Z",
    };
    const edited = contactWithCard(contact, card);
    expect(edited).toMatchObject({ name: "Quinn Q.", traits: card.traits });
    expect(edited.conversations[0]!.contact.name).toBe("Quinn Q.");
    const held = detail([], null);
    expect(detailWithContactName(held, "u1", "Quinn Q.").conversation.contact.name).toBe("Quinn Q.");
    expect(detailWithContactName(held, "u2", "Rae R.")).toBe(held);
    const data = listData([{ items: [quinn, other], nextCursor: null }]);
    const renamed = listWithContactName(data, "u1", "Quinn Q.");
    expect(rowsOf(renamed).map((row) => row.contact.name)).toEqual(["Quinn Q.", "Rae"]);
    expect(listWithContactName(renamed, "u1", "Quinn Q.")).toBe(renamed);
  });
});

describe("inbox cache: a spam mark carried by its event", () => {
  it("adds the open conversation's new line once and marks its card; chats not in the event gain nothing", () => {
    const quinn = summary();
    const marked = summary({ bucket: "spam", spamMarkedById: "a2", updatedAt: "2025-01-01T11:00:00.000Z" });
    const line: TimelineEvent = {
      id: "m1",
      type: "marked_as_spam",
      data: { actorId: "a2", actorName: "Sam" },
      createdAt: "2025-01-01T11:00:00.000Z",
    };
    const mark = { markedAt: "2025-01-01T11:00:00.000Z", markedBy: { id: "a2", name: "Sam" } };
    const event = {
      contactId: "u1",
      spam: true,
      actorName: "Sam",
      moves: [],
      conversations: [marked],
      totalConversations: 1,
      timeline: [{ conversationId: "c1", line }],
      card: { name: "Quinn", traits: [], version: "2025-01-01T11:00:00.000Z", spam: mark },
    };
    const held = detail([], null, quinn);
    const next = withSpamChange(held, event);
    expect(spamLineFor("c1", event)).toBe(line);
    expect(next.events.map((e) => e.id)).toEqual(["m1"]);
    expect(withSpamChange(next, event).events.map((e) => e.id)).toEqual(["m1"]);
    const other = detail([], null, summary({ id: "c9" }));
    expect(spamLineFor("c9", event)).toBeUndefined();
    expect(withSpamChange(other, event).events).toEqual([]);
    const contact = {
      id: "u1",
      name: "Quinn",
      traits: [],
      conversations: [quinn],
      spam: null,
    } as unknown as ContactDetail;
    expect(contactWithCard(contact, event.card).spam).toEqual(mark);
    // An edit's card (no spam field) leaves the mark as it is.
    expect(contactWithCard({ ...contact, spam: mark }, { name: "Q", traits: [], version: "v" }).spam).toEqual(mark);
  });
});

describe("inbox reducer: UI state only", () => {
  const ui: InboxUiState = {
    list: "all",
    selectedId: null,
    focusedId: null,
    focusIndex: -1,
    pane: "list",
    checked: [],
  };

  it("forgets the cursor and the ticks on a list switch, and keeps the open conversation", () => {
    const next = inboxReducer(
      { ...ui, selectedId: "c1", focusedId: "c1", focusIndex: 0, checked: ["c1"] },
      { type: "list.switched", list: "unassigned" },
    );
    expect(next).toEqual({ ...ui, list: "unassigned", selectedId: "c1" });
    expect(inboxReducer(ui, { type: "list.switched", list: "all" })).toBe(ui);
  });

  it("keeps the keyboard cursor on its conversation when the rows move, and at its place when that one leaves", () => {
    let next = inboxReducer(ui, { type: "focus.moved", by: 1, rowIds: ["c1", "c2"], from: -1 });
    expect(next.focusedId).toBe("c1");
    expect(cursorIndex(next, ["c0", "c1", "c2"])).toBe(1);
    next = inboxReducer(next, { type: "focus.moved", by: 1, rowIds: ["c0", "c1", "c2"], from: 1 });
    expect(next.focusedId).toBe("c2");
    expect(inboxReducer(next, { type: "focus.moved", by: 5, rowIds: ["c0", "c1", "c2"], from: 2 }).focusedId).toBe(
      "c2",
    );
    // c1 (the cursor's) is dismissed: the cursor stays at its place, on the row that follows.
    const onC1 = inboxReducer(ui, { type: "focus.moved", by: 1, rowIds: ["c1", "c2"], from: -1 });
    expect(cursorIndex(onC1, ["c2"])).toBe(0);
    expect(cursorIndex(ui, ["c2"])).toBe(-1);
  });
});
