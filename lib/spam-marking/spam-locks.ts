// While a contact is marked as spam, agents cannot assign their chats, change labels or write to them.
// Every use case that does one of these calls this check on the row it locked, so the server refuses
// (409) whatever the entry point. The mark is the contact's (Contact.spamMarkedAt), not the bucket: a
// spam-marked contact's chat held by a ban is "banned", and the locks still apply to it.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import { Conflict } from "@/lib/errors";

/**
 * Whether the contact is marked as spam, for a use case holding one of their conversation rows. A plain
 * read, not a lock: marking takes the contact row before the conversation rows, so locking the contact
 * here could deadlock. Read committed suffices: a mark that committed first is seen; one still running
 * waits on the conversation row, and its set-based update then applies to what this use case wrote.
 */
export async function isContactMarkedAsSpam(db: DbOrTx, tenantId: string, contactId: string): Promise<boolean> {
  const contact = await db.contact.findFirst({ where: { id: contactId, tenantId }, select: { spamMarkedAt: true } });
  return Boolean(contact?.spamMarkedAt);
}

export async function assertNotMarkedAsSpam(
  db: DbOrTx,
  conversation: { tenantId: string; contactId: string },
): Promise<void> {
  if (await isContactMarkedAsSpam(db, conversation.tenantId, conversation.contactId)) {
    throw new Conflict(
      "contact_marked_as_spam",
      "This user is marked as spam: their chats cannot be assigned, labelled or answered until they are un-marked.",
    );
  }
}
