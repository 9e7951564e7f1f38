import { describe, expect, it } from "vitest";
import { notificationGate, summaryText } from "./desktop-notifications";
import type { NotificationPayload } from "@/lib/realtime/events";

const message = (conversationId: string): NotificationPayload => ({
  id: `m-${conversationId}-${Math.random()}`,
  kind: "new_message",
  conversationId,
  title: "Quinn · WhatsApp",
  body: "hi",
  createdAt: "2026-12-06T10:00:00.000Z",
});

describe("desktop notifications in a flood", () => {
  it("notifies three conversations one by one, then counts the rest on one summary until a quiet window", () => {
    const gate = notificationGate({ conversations: 3, windowMs: 15_000 });
    expect(["c1", "c2", "c3"].map((id, i) => gate(message(id), i * 100).show)).toEqual([
      "message",
      "message",
      "message",
    ]);
    // A conversation already notified replaces its own notification (same tag): never pushed to the summary.
    expect(gate(message("c2"), 400)).toEqual({ show: "message" });
    // A bot campaign: 500 new chats in a few seconds are one summary, growing.
    let last = gate(message("c4"), 500);
    for (let i = 5; i < 504; i++) last = gate(message(`c${i}`), 500 + i);
    expect(last).toEqual({ show: "summary", messages: 500, conversations: 500, conversationsCapped: false });
    expect(last.show === "summary" && summaryText(last)).toEqual({
      title: "500 more new messages",
      body: "in 500 conversations — open Bouncer to see them",
    });
    // Still in the burst: a conversation shown before the burst keeps its own while its window lasts.
    expect(gate(message("c1"), 14_000).show).toBe("message");
    expect(gate(message("c600"), 14_100)).toMatchObject({ show: "summary", messages: 501 });
    // Quiet for a window: one by one again.
    expect(gate(message("c700"), 14_100 + 15_000)).toEqual({ show: "message" });
  });

  it("caps what it counts: a flood of distinct chats is '1000+', the message count goes on", () => {
    const gate = notificationGate({ conversations: 0, windowMs: 15_000 });
    let last = gate(message("x0"), 0);
    for (let i = 1; i < 1_500; i++) last = gate(message(`x${i}`), i);
    expect(last).toEqual({ show: "summary", messages: 1_500, conversations: 1_000, conversationsCapped: true });
    expect(last.show === "summary" && summaryText(last).body).toBe("in 1000+ conversations — open Bouncer to see them");
    const one = notificationGate({ conversations: 0, windowMs: 1 })(message("y"), 0);
    expect(one.show === "summary" && summaryText(one)).toEqual({
      title: "1 more new message",
      body: "in 1 conversation — open Bouncer to see them",
    });
  });
});
