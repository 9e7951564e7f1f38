// Which inbox list family a conversation belongs to. Stored on the conversation (so each list is one
// index range) and derived only here: a spam-marked contact's chats are in Spam whatever their status.
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";

export function inboxBucket(status: ConversationStatus, contactMarkedAsSpam = false): InboxBucket {
  if (contactMarkedAsSpam) return "spam";
  return status === "resolved" ? "resolved" : "active";
}
