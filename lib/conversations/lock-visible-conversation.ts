// "Lock the row, find it among the conversations the actor may see, else not found": the first step of
// every change to one conversation (replies, status, assignment, labels, blocks, its context).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { visibleConversationsWhere } from "./visibility-query";

/** Locks one conversation row for the rest of the transaction, so concurrent changes queue up. */
export async function lockConversation(tx: Tx, conversationId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Conversation" WHERE "id" = ${conversationId} FOR UPDATE`;
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
  await tx.$queryRaw`SELECT 1 FROM "Conversation" WHERE "id" = ${id} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
  const conversation = await tx.conversation.findFirst({
    where: { AND: [{ id }, visibleConversationsWhere(actor)] },
    select,
  });
  if (!conversation) throw new NotFound("conversation");
  return conversation as Prisma.ConversationGetPayload<{ select: S }>;
}
