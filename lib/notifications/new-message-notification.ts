// Who is told about a new incoming message. The one decision for desktop notifications today and
// mobile push later: later rules (spam users are never notified, …) go here and nowhere else.
import "server-only";
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { publishNotification } from "@/lib/realtime/publish";
import type { NotificationPayload } from "@/lib/realtime/events";

export type NotificationAudience =
  | { kind: "agent"; agentId: string }
  | { kind: "queue" }
  | { kind: "nobody"; reason: string };

export function newMessageAudience(conversation: ListFacts): NotificationAudience {
  if (conversation.bucket !== "active") return { kind: "nobody", reason: `conversation is ${conversation.bucket}` };
  return conversation.assigneeId ? { kind: "agent", agentId: conversation.assigneeId } : { kind: "queue" };
}

export function notifyNewMessage(
  tenantId: string,
  conversation: ListFacts & { id: string; contactName: string; channelLabel: string },
  message: { id: string; preview: string; createdAt: string },
): NotificationAudience {
  const audience = newMessageAudience(conversation);
  if (audience.kind === "nobody") return audience;
  const notification: NotificationPayload = {
    id: message.id,
    kind: "new_message",
    conversationId: conversation.id,
    title: `${conversation.contactName} · ${conversation.channelLabel}`,
    body: message.preview,
    createdAt: message.createdAt,
  };
  publishNotification(tenantId, audience, notification);
  return audience;
}
