// Ban-evasion hint: a contact who shares an identifier value with an active ban on ANOTHER channel
// (the same phone number on WhatsApp and IP telephony, the same email) gets a warning badge — a hint
// for the agent, never an automatic ban.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import { activeBanWhere } from "./ban-view";

export interface BanEvasionHint {
  banId: string;
  /** The channel the matching ban is on. */
  channel: ChannelName;
  identifier: string;
}

export async function banEvasionHints(db: DbOrTx, tenantId: string, contactId: string, now = new Date()): Promise<BanEvasionHint[]> {
  const identities = await db.contactIdentity.findMany({ where: { contactId }, select: { channel: true, identifier: true } });
  if (!identities.length) return [];
  const bans = await db.ban.findMany({
    where: { tenantId, identifier: { in: [...new Set(identities.map((i) => i.identifier))] }, ...activeBanWhere(now) },
    select: { id: true, channel: true, identifier: true },
  });
  // A ban on the same channel as the identity is not a hint: it is the ban itself.
  const own = new Set(identities.map((i) => `${i.channel}:${i.identifier}`));
  return bans.filter((ban) => !own.has(`${ban.channel}:${ban.identifier}`)).map((ban) => ({ banId: ban.id, channel: ban.channel, identifier: ban.identifier }));
}
