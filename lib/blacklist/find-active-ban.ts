import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import { activeBanWhere } from "./ban-view";

/**
 * The ban in force for identifiers on a channel, if any: one index lookup on
 * (tenantId, channel, identifier, activeSlot). Expired bans count as inactive. For pages; admission
 * asks its cache instead (lib/admission/admission-cache.ts).
 */
export async function findActiveBan(
  db: DbOrTx,
  where: { tenantId: string; channel: ChannelName; identifiers: string[] },
  now: Date,
): Promise<{ id: string } | null> {
  if (!where.identifiers.length) return null;
  return db.ban.findFirst({
    where: {
      tenantId: where.tenantId,
      channel: where.channel,
      identifier: where.identifiers.length === 1 ? where.identifiers[0] : { in: where.identifiers },
      ...activeBanWhere(now),
    },
    select: { id: true },
  });
}
