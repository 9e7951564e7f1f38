// Records the spam strings of messages that were stored without going through ingest (the demo seed,
// messages from before the Spam Manager existed). Idempotent: occurrences are unique per message.
import "server-only";
import type { Db } from "@/lib/db";
import { recordSpamStrings } from "./record-spam-strings";

const BATCH = 500;

export async function backfillSpamStrings(
  db: Db,
  tenantId: string,
): Promise<{ messages: number; withStrings: number }> {
  const { defaultPhoneRegion: region } = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { defaultPhoneRegion: true },
  });
  let after: string | undefined;
  let messages = 0;
  let withStrings = 0;
  for (;;) {
    const batch = await db.message.findMany({
      where: { tenantId, direction: "in", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        body: true,
        createdAt: true,
        conversation: { select: { id: true, contactId: true, channel: true } },
      },
    });
    for (const message of batch) {
      const { strings } = await recordSpamStrings(db, {
        tenantId,
        messageId: message.id,
        contactId: message.conversation.contactId,
        conversationId: message.conversation.id,
        channel: message.conversation.channel,
        text: message.body,
        createdAt: message.createdAt,
        region,
      });
      if (strings.length > 0) withStrings++;
    }
    messages += batch.length;
    if (batch.length < BATCH) return { messages, withStrings };
    after = batch[batch.length - 1]!.id;
  }
}
