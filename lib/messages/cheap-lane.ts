// The cheap lane (lib/admission/sender-flood.ts): a banned or flooding sender's message is stored with
// one statement — the message into the sender's current conversation and the Spam Manager's record of its
// spam strings (banned senders' posts are what it is for; extracted once, before the statement) — and
// nothing else: no realtime event, no notification, no contact touch, no job. The conversation's last
// activity is written behind, once a second (./conversation-activity.ts). The tenant's Spam Manager rules
// run after it only when the text holds strings and the tenant has enabled rules (the statement says so).
// When the statement finds no conversation to continue (a new sender, a resolved chat to reopen, a ban
// just placed or lifted, so the chat must move lists), it stores nothing and the caller takes the
// normal path, which handles those cases; the next message then fits here.
import "server-only";
import type { Db } from "@/lib/db";
import type { IncomingMessageInput } from "./incoming-message-schema";
import { messagePreview } from "./preview";
import { noteConversationActivity } from "./conversation-activity";
import { uuidv7 } from "@/lib/db/ids";
import { Prisma } from "@/lib/generated/prisma/client";
import { messageSpamStrings, type MessageSpamString } from "@/lib/spam-manager/conventions";
import { sendRecordingSpamStrings, tenantHasRulesSql } from "@/lib/spam-manager/record-spam-strings";
import { runSpamRules } from "@/lib/spam-manager/spam-rules";
import { inCheapLane, type SenderKey, type SenderLane } from "@/lib/admission/sender-flood";
import { countBanHit } from "@/lib/admission/hit-counters";
import type { AdmissionDecision } from "@/lib/admission";

export type CheapLaneResult = {
  messageId: string;
  conversationId: string;
  contactId: string;
  flooding?: true;
} & AdmissionDecision;

export async function storeInCheapLane(
  db: Db,
  sender: SenderKey,
  lane: Extract<SenderLane, { cheap: true }>,
  message: IncomingMessageInput,
  region: string,
  now = new Date(),
): Promise<CheapLaneResult | null> {
  return inCheapLane(sender, async () => {
    const banned = lane.why === "banned";
    const messageId = uuidv7(now.getTime());
    const strings = messageSpamStrings(message.text, region);
    const facts = { tenantId: sender.tenantId, channel: sender.channel, createdAt: now };
    // A banned sender's chat must already be held by the ban (bucket "banned"); anyone else's must not
    // be (a lifted ban brings it back through the normal path).
    const store = (recorded: readonly MessageSpamString[]) =>
      sendRecordingSpamStrings<{ conversationId: string; contactId: string; hasRules: boolean }>(
        db,
        facts,
        recorded,
        (recording) => Prisma.sql`
      WITH conversation AS (
        -- The sender's latest chat on the channel, its bucket as the lane needs it, read through its contact in
        -- order of last activity (index contactId, lastMessageAt: usually its first row). Nothing here lets a
        -- plan start from the tenant's chats instead: given the tenant and "bucket = 'banned'", PGlite's
        -- planner walked the tenant's banned chats by last activity until the sender's, more rows the more
        -- banned chats the tenant has. The contact is the tenant's (its identity is); checked above the LIMIT.
        SELECT c."id", c."contactId" FROM (
          SELECT c."id", c."contactId", c."tenantId" FROM "Conversation" c
           WHERE c."contactId" = (
                   SELECT i."contactId" FROM "ContactIdentity" i
                    WHERE i."tenantId" = ${sender.tenantId} AND i."channel" = ${sender.channel}::"Channel"
                      AND i."identifier" = ${sender.identifier})
             AND c."channel" = ${sender.channel}::"Channel" AND c."status" <> 'resolved'
             AND (${message.conversationId ?? null}::text IS NULL OR c."id" = ${message.conversationId ?? null})
             AND ((c."bucket" = 'banned') = ${banned})
           ORDER BY c."lastMessageAt" DESC LIMIT 1
        ) c
         WHERE c."tenantId" = ${sender.tenantId}
      ), stored AS (
        INSERT INTO "Message" ("id", "tenantId", "conversationId", "direction", "body", "createdAt")
        SELECT ${messageId}, ${sender.tenantId}, "id", 'in', ${message.text}, ${now.toISOString()}::timestamptz
          FROM conversation
        RETURNING "conversationId"
      ), recorded_message AS (
        SELECT stored."conversationId", conversation."contactId", ${messageId}::text AS "messageId"
          FROM stored JOIN conversation ON conversation."id" = stored."conversationId"
      ) ${recording.ctes}
      SELECT "conversationId", "contactId",
             ${recorded.length ? tenantHasRulesSql(sender.tenantId) : Prisma.sql`false`} AS "hasRules",
             ${recording.idsColumn}
        FROM recorded_message`,
      );
    // The message is kept whatever happens to the record of its strings (logged).
    const [stored] = await store(strings).catch((error: unknown) => {
      if (!strings.length) throw error;
      console.error(`[spam-manager] could not record the spam strings of message ${messageId}:`, error);
      return store([]);
    });
    if (!stored) return null;
    noteConversationActivity(stored.conversationId, now, messagePreview(message.text));
    if (banned) countBanHit(lane.banId, now);
    // Inline, not queued: a flood must not fill the job queue. The message and its strings are committed;
    // runSpamRules logs a rule's failure (Actions Log), never the webhook's error.
    if (stored.hasRules) {
      await runSpamRules(db, {
        ...facts,
        messageId,
        contactId: stored.contactId,
        conversationId: stored.conversationId,
        strings,
      });
    }
    const decision: AdmissionDecision = banned
      ? { admitted: false, reason: "banned", banId: lane.banId }
      : { admitted: true };
    return {
      messageId,
      conversationId: stored.conversationId,
      contactId: stored.contactId,
      ...decision,
      ...(banned ? {} : { flooding: true as const }),
    };
  });
}
