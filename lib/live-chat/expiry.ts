// Expiry needs no job: the gate compares times, and the lists compute "expired" from blockedUntil.
// Recording it is lazy: the first connect request after a block ran out writes the "expired" audit
// entry and timeline line (once per block — the audit entry is the marker), so the history says when
// the user came back. Blocks of users who never ask again stay unrecorded but show as expired.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { recordSystemAudit } from "@/lib/audit";

export const EXPIRED_ACTION = "live_chat.block_expired";

export async function noteExpiredBlocks(
  tx: Tx,
  request: { tenantId: string; contactId: string; authenticated: boolean; conversationId: string },
  now: Date,
): Promise<number> {
  const expired = await tx.liveChatBlock.findMany({
    where: {
      tenantId: request.tenantId,
      contactId: request.contactId,
      conversationId: request.authenticated ? null : request.conversationId,
      unblockedAt: null,
      blockedUntil: { lte: now },
    },
    select: { id: true, blockedUntil: true, authenticated: true },
    orderBy: { blockedUntil: "desc" },
    take: 50,
  });
  if (!expired.length) return 0;
  const noted = await tx.auditLog.findMany({
    where: { tenantId: request.tenantId, targetType: "live_chat_block", targetId: { in: expired.map((b) => b.id) }, action: EXPIRED_ACTION },
    select: { targetId: true },
  });
  const fresh = expired.filter((b) => !noted.some((n) => n.targetId === b.id));
  for (const block of fresh) {
    const data = { blockId: block.id, expiredAt: block.blockedUntil.toISOString(), authenticated: block.authenticated };
    await recordSystemAudit(tx, request.tenantId, {
      action: EXPIRED_ACTION,
      targetType: "live_chat_block",
      targetId: block.id,
      data: { ...data, contactId: request.contactId, conversationId: request.conversationId },
    });
    await tx.conversationEvent.create({
      data: { tenantId: request.tenantId, conversationId: request.conversationId, type: "live_chat_block_expired", createdAt: now, data: data as Prisma.InputJsonObject },
    });
  }
  return fresh.length;
}
