// Ban-evasion hint: a conversation whose contact shares an identifier value with an active ban on
// ANOTHER channel than the conversation's (the same phone number on WhatsApp and IP telephony, the same
// email) gets a warning badge — a hint for the agent, never an automatic ban. A ban on the
// conversation's own channel is not a hint: it is the ban itself, and the admission gate enforces it.
import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { normalizePhoneNumber } from "@/lib/channels/identifiers";
import { activeBanWhere } from "./ban-view";

export interface BanEvasionHint {
  banId: string;
  /** The channel the matching ban is on. */
  channel: ChannelName;
  identifier: string;
}

const emailSchema = z.email();

/**
 * The values an identity is compared by. Bans and identities are both stored normalized by
 * lib/channels/identifiers (E.164 phones, lower-case emails, exact ids), so equality of these is E.164
 * equality for phones and case-insensitive equality for emails; an email used as an id elsewhere (a
 * visitor id, an opaque user id) is compared lower-cased too.
 */
function comparableValues({ channel, identifier }: { channel: ChannelName; identifier: string }): string[] {
  switch (CHANNEL_INFO[channel].identifierKind) {
    case "phone":
      // Any region: a stored identity is already E.164, which parses the same everywhere.
      return [normalizePhoneNumber(identifier, "US") ?? identifier];
    case "email":
      return [identifier.toLowerCase()];
    case "id": {
      const lower = identifier.toLowerCase();
      return emailSchema.safeParse(lower).success && lower !== identifier ? [identifier, lower] : [identifier];
    }
  }
}

export async function banEvasionHints(
  db: DbOrTx,
  tenantId: string,
  conversation: { contactId: string; channel: ChannelName },
  now = new Date(),
): Promise<BanEvasionHint[]> {
  const identities = await db.contactIdentity.findMany({
    where: { tenantId, contactId: conversation.contactId },
    select: { channel: true, identifier: true },
  });
  const values = [...new Set(identities.flatMap(comparableValues))];
  if (!values.length) return [];
  const bans = await db.ban.findMany({
    where: { tenantId, channel: { not: conversation.channel }, identifier: { in: values }, ...activeBanWhere(now) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, channel: true, identifier: true },
  });
  return bans.map((ban) => ({ banId: ban.id, channel: ban.channel, identifier: ban.identifier }));
}
