// The admission gate: the only place that decides whether an incoming message reaches the agents'
// lists, and whether a request to reach an agent (live-chat connect) gets into the queue. Messages are
// stored whatever it decides. Order of the live-chat checks: ban, live-chat block, working hours.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import { findActiveLiveChatBlock } from "@/lib/live-chat/find-active-block";
import { admissionCache } from "./admission-cache";
import { countBanHit, countBlockHit } from "./hit-counters";
import { isWithinWorkingHours, type WorkingHours } from "@/lib/live-chat/working-hours";

export interface Sender {
  tenantId: string;
  channel: ChannelName;
  /** The normalized identifier on that channel. */
  identifier: string;
}

export type AdmissionDecision = { admitted: true } | { admitted: false; reason: "banned"; banId: string };

/**
 * Decides whether a message from `sender` reaches the agents' lists, counting a hit on the ban if not.
 * From memory (admission-cache.ts): no database round trip, and the hit is counted in memory.
 */
export async function admitIncomingMessage(db: DbOrTx, sender: Sender, now = new Date()): Promise<AdmissionDecision> {
  const ban = await (await admissionCache()).activeBan(db, sender.tenantId, sender.channel, [sender.identifier], now);
  if (!ban) return { admitted: true };
  countBanHit(ban.id, now);
  return { admitted: false, reason: "banned", banId: ban.id };
}

export interface LiveChatRequest {
  tenant: { id: string; timeZone: string; workingHours: unknown };
  conversation: { id: string; channel: ChannelName; context: unknown };
  contact: { id: string; authenticated: boolean };
  /** The contact's identifiers on the conversation's channel. */
  identifiers: string[];
}

export type LiveChatDecision =
  | { connected: true }
  | { connected: false; state: "IsBanned"; banId: string }
  | { connected: false; state: "IsBlockedForLiveChat"; blockedUntil: Date; blockId: string | null }
  | { connected: false; state: "IsOutsideWorkingHours" };

/** Decides whether a request to reach an agent may join the queue; every refusal counts a hit. */
export async function admitLiveChatRequest(
  db: DbOrTx,
  request: LiveChatRequest,
  now = new Date(),
): Promise<LiveChatDecision> {
  const ban = await (await admissionCache()).activeBan(
    db,
    request.tenant.id,
    request.conversation.channel,
    request.identifiers,
    now,
  );
  if (ban) {
    countBanHit(ban.id, now);
    return { connected: false, state: "IsBanned", banId: ban.id };
  }
  const block = await findActiveLiveChatBlock(
    db,
    {
      tenantId: request.tenant.id,
      contactId: request.contact.id,
      authenticated: request.contact.authenticated,
      conversationId: request.conversation.id,
      context: request.conversation.context,
    },
    now,
  );
  if (block) {
    if (block.id) countBlockHit(block.id, now);
    return { connected: false, state: "IsBlockedForLiveChat", blockedUntil: block.blockedUntil, blockId: block.id };
  }
  if (!isWithinWorkingHours(request.tenant.workingHours as WorkingHours, request.tenant.timeZone, now)) {
    return { connected: false, state: "IsOutsideWorkingHours" };
  }
  return { connected: true };
}
