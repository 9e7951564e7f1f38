// Which inbox list a conversation belongs to. Stored on the conversation (so each list is one index
// range) and derived only here.
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";

export function inboxBucket(status: ConversationStatus): InboxBucket {
  return status === "resolved" ? "resolved" : "active";
}
