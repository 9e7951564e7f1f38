// Desktop notifications: shown only while the tab is in the background and the agent allowed them.
// The server decides who is notified (lib/notifications); the browser only decides how — and how many: a flood
// from many senders at once (a bot campaign, hundreds of new chats a minute) must not bury the agent's desktop
// under a notification each, so past a few conversations in a short while they are counted on one summary
// notification instead, replaced in place until things are quiet again.
import type { NotificationPayload } from "@/lib/realtime/events";

/** At most this many conversations notified one by one in a window; past that, one summary. */
export const NOTIFICATION_BURST = { conversations: 3, windowMs: 15_000 } as const;

/** The summary's tag: the browser replaces a notification with the same tag instead of adding one. */
export const BURST_TAG = "bouncer-burst";

/** Conversations counted on the summary, at most: past it the summary says "1000+". */
const MAX_COUNTED_CONVERSATIONS = 1_000;

export type NotificationDecision =
  | { show: "message" }
  | { show: "summary"; messages: number; conversations: number; conversationsCapped: boolean };

/**
 * Decides, one tab's notifications at a time, whether a message gets its own notification or goes on the summary.
 * A conversation already notified in the window replaces its own (the tag is the conversation), so a busy chat
 * never pushes another into the summary; a burst lasts until a window passes without a message.
 */
export function notificationGate(limit: { conversations: number; windowMs: number } = NOTIFICATION_BURST) {
  const shownAt = new Map<string, number>();
  let burst: { messages: number; conversations: Set<string>; lastAt: number } | null = null;
  return (payload: NotificationPayload, now: number): NotificationDecision => {
    for (const [id, at] of shownAt) if (now - at >= limit.windowMs) shownAt.delete(id);
    if (burst && now - burst.lastAt >= limit.windowMs) burst = null;
    if (shownAt.has(payload.conversationId) || (!burst && shownAt.size < limit.conversations)) {
      shownAt.set(payload.conversationId, now);
      return { show: "message" };
    }
    burst ??= { messages: 0, conversations: new Set(), lastAt: now };
    burst.messages += 1;
    burst.lastAt = now;
    if (burst.conversations.size < MAX_COUNTED_CONVERSATIONS) burst.conversations.add(payload.conversationId);
    return {
      show: "summary",
      messages: burst.messages,
      conversations: burst.conversations.size,
      conversationsCapped: burst.conversations.size >= MAX_COUNTED_CONVERSATIONS,
    };
  };
}

/** The summary's words: "37 more new messages" / "in 12 conversations". */
export function summaryText(decision: Extract<NotificationDecision, { show: "summary" }>): {
  title: string;
  body: string;
} {
  const messages = `${decision.messages} more new message${decision.messages === 1 ? "" : "s"}`;
  const count = `${decision.conversations}${decision.conversationsCapped ? "+" : ""}`;
  const where = decision.conversations === 1 ? "in 1 conversation" : `in ${count} conversations`;
  return { title: messages, body: `${where} — open Bouncer to see them` };
}

export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/** This tab's gate. */
const gate = notificationGate();

/** `onClick` opens the message's conversation; the summary's click only brings the inbox forward. */
export function showDesktopNotification(payload: NotificationPayload, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== "granted" || document.visibilityState === "visible")
    return;
  const decision = gate(payload, Date.now());
  const { title, body, tag } =
    decision.show === "message"
      ? { title: payload.title, body: payload.body, tag: payload.conversationId }
      : { ...summaryText(decision), tag: BURST_TAG };
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    if (decision.show === "message") onClick();
    else window.focus();
    notification.close();
  };
}
