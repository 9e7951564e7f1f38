// The cheap lane (lib/admission/sender-flood.ts): a banned or flooding sender's message is stored by one
// call of "bouncer_store_in_cheap_lane", in the same groups as everyone's messages (./receive-group.ts) —
// the message into the sender's current conversation and the Spam Manager's record of its spam strings
// (banned senders' posts are what it is for; extracted once, before the call) — and nothing else: no
// realtime event for the chat, no notification, no contact touch, no job — only the Spam Manager's
// coalesced count of posts (a Map update; at most one event a second per tenant, lib/realtime/publish.ts).
// The conversation's last activity is written behind, once a second (./conversation-activity.ts). The
// tenant's Spam Manager rules run after it only when the text holds strings and the tenant has enabled
// rules (the call says so).
// When the call finds no conversation to continue (a new sender, a resolved chat to reopen, a ban
// just placed or lifted, so the chat must move lists), it stores nothing and the caller takes the
// normal path, which handles those cases; the next message then fits here.
import "server-only";
import type { Db } from "@/lib/db";
import type { IncomingMessageInput } from "./incoming-message-schema";
import { messagePreview } from "./preview";
import { noteConversationActivity } from "./conversation-activity";
import { uuidv7 } from "@/lib/db/ids";
import { isDeadlock } from "@/lib/db/errors";
import { messageSpamStrings, type MessageSpamString } from "@/lib/spam-manager/conventions";
import { recordSpamStringsWith } from "@/lib/spam-manager/record-spam-strings";
import { receiveInGroup } from "./receive-group";
import { runSpamRules } from "@/lib/spam-manager/spam-rules";
import { announceSpamManagerChange } from "@/lib/spam-manager/announce-change";
import { postedStrings } from "@/lib/realtime/spam-manager-change";
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
      recordSpamStringsWith(
        { tenantId: sender.tenantId, createdAt: now, strings: recorded, withKnownIds: true },
        (rows) =>
          receiveInGroup(db, {
            lane: "cheap",
            ...sender,
            conversationId: message.conversationId ?? null,
            banned,
            messageId,
            body: message.text,
            now: now.toISOString(),
            spamStrings: rows,
          }),
        (answer) => (answer.stored ? answer.spamStringIds : false),
      );
    // A deadlock between two groups (lib/messages/receive-group.ts) failed this message alone: once more.
    const storeOnceMore = (recorded: readonly MessageSpamString[]) =>
      store(recorded).catch((error: unknown) => {
        if (!isDeadlock(error)) throw error;
        return store(recorded);
      });
    // The message is kept whatever happens to the record of its strings (logged).
    let recorded = strings;
    const answer = await storeOnceMore(strings).catch((error: unknown) => {
      if (!strings.length) throw error;
      console.error(`[spam-manager] could not record the spam strings of message ${messageId}:`, error);
      recorded = [];
      return storeOnceMore([]);
    });
    const stored = answer.stored;
    if (!stored) return null;
    noteConversationActivity(stored.conversationId, now, messagePreview(message.text));
    if (banned) countBanHit(lane.banId, now);
    // A flood is what a supervisor watches the Domains tab for.
    if (recorded.length) await announceSpamManagerChange(db, sender.tenantId, postedStrings(recorded));
    // Inline, not queued: a flood must not fill the job queue. The message and its strings are committed;
    // runSpamRules logs a rule's failure (Actions Log), never the webhook's error.
    if (answer.hasRules) {
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
