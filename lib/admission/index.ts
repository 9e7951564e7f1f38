// The admission gate: the only place that decides whether an incoming message or a request to reach
// an agent gets through. Every ingest and every live-chat connect calls it; ban and block rules are
// added here and nowhere else.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";

export interface Sender {
  tenantId: string;
  channel: ChannelName;
  /** The normalized identifier on that channel. */
  identifier: string;
  contactId: string;
}

export type AdmissionDecision = { admitted: true } | { admitted: false; reason: "banned"; banId: string };

/** Decides whether a message from `sender` reaches the agents' lists. The message is stored either way. */
export async function admitIncomingMessage(_db: DbOrTx, _sender: Sender): Promise<AdmissionDecision> {
  return { admitted: true };
}
