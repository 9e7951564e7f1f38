// What a user card shows of live chat (the block in force, the recent blocks, the chat activity data):
// read by GET /api/v1/contacts/:id, and after a block, an unblock or an expiry for contact.updated, so a
// card on screen follows without a read.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { contactSeenThrough } from "@/lib/conversations/contact-seen-through";
import type { LiveChatCardState } from "@/lib/realtime/events";
import { blockInForce, liveChatBlockSelect, liveChatVersionOf } from "./block-view";
import { toBlockViews } from "./block-records";

const RECENT_BLOCKS = 20;

export async function readLiveChatCard(
  db: DbOrTx,
  contact: { id: string; tenantId: string; activityData: unknown },
  now: Date,
): Promise<LiveChatCardState> {
  const rows = await db.liveChatBlock.findMany({
    where: { tenantId: contact.tenantId, contactId: contact.id },
    orderBy: [{ blockedAt: "desc" }, { id: "desc" }],
    take: RECENT_BLOCKS,
    select: liveChatBlockSelect,
  });
  const liveChatBlocks = await toBlockViews(db, contact.tenantId, rows, now);
  return {
    liveChat: blockInForce(liveChatBlocks),
    liveChatBlocks,
    activityData: (contact.activityData ?? {}) as Record<string, unknown>,
    version: liveChatVersionOf(liveChatBlocks),
  };
}

/** The card's live-chat state after a change (inside its transaction), and who may see the contact. */
export async function readLiveChatCardChange(
  db: DbOrTx,
  tenantId: string,
  contactId: string,
  now: Date,
): Promise<LiveChatCardState & { seenThrough: ListFacts[] }> {
  const contact = await db.contact.findFirstOrThrow({
    where: { id: contactId, tenantId },
    select: { id: true, tenantId: true, activityData: true },
  });
  return {
    ...(await readLiveChatCard(db, contact, now)),
    seenThrough: await contactSeenThrough(db, tenantId, contactId),
  };
}
