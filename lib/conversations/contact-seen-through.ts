// Who may see a contact, as list facts: the distinct facts of its conversations (lib/policy.ts
// visibleContactsWhere). Events about a contact's card go to the rooms these facts name (rooms.ts).
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ListFacts } from "./conversation-summary";

export async function contactSeenThrough(db: DbOrTx, tenantId: string, contactId: string): Promise<ListFacts[]> {
  return db.conversation.findMany({
    where: { tenantId, contactId },
    distinct: ["status", "bucket", "assigneeId", "spamMarkedById"],
    select: { status: true, bucket: true, assigneeId: true, spamMarkedById: true },
  });
}
