import "server-only";
import type { DbOrTx } from "@/lib/db";

const DAY_MS = 86_400_000;

/** The start of the tenant's Spam Manager window: the string tabs and the Users tab show what is newer. */
export async function spamWindowStart(db: DbOrTx, tenantId: string, now: Date): Promise<Date> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { spamRetentionDays: true } });
  return new Date(now.getTime() - tenant.spamRetentionDays * DAY_MS);
}
