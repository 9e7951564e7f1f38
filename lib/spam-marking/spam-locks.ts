// While a contact is marked as spam, agents cannot assign their chats, change labels or write to them.
// Every use case that does one of these calls this check on the row it locked, so the server refuses
// (409) whatever the entry point.
import { Conflict } from "@/lib/errors";

export function assertNotMarkedAsSpam(conversation: { bucket: string }): void {
  if (conversation.bucket === "spam") {
    throw new Conflict(
      "contact_marked_as_spam",
      "This user is marked as spam: their chats cannot be assigned, labelled or answered until they are un-marked.",
    );
  }
}
