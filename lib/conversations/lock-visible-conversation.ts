// "Lock the row, find it among the conversations the actor may see, else not found": the first step of
// every change to one conversation (replies, status, assignment, labels, blocks, its context).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { visibleConversationsWhere } from "./visibility-query";

/**
 * Locks one of the tenant's conversation rows for the rest of the transaction, so concurrent changes queue
 * up; false when the tenant has no such conversation (nothing is locked).
 */
export async function lockConversation(tx: Tx, tenantId: string, conversationId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Conversation" WHERE "id" = ${conversationId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Locks the conversation, then reads it if the actor may see it; 404 otherwise — never 403, so its
 * existence does not leak. The lock comes first, so the read sees the latest committed state.
 */
export async function lockVisibleConversation<S extends Prisma.ConversationSelect>(
  tx: Tx,
  actor: Actor,
  conversationId: string,
  select: S,
): Promise<Prisma.ConversationGetPayload<{ select: S }>> {
  const id = String(conversationId);
  // Only the actor's tenant's row: an id from another tenant locks nothing there.
  await lockConversation(tx, actor.tenantId, id);
  const conversation = await tx.conversation.findFirst({
    where: { AND: [{ id }, visibleConversationsWhere(actor)] },
    select,
  });
  if (!conversation) throw new NotFound("conversation");
  return conversation as Prisma.ConversationGetPayload<{ select: S }>;
}
