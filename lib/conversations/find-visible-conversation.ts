import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { visibleConversationsWhere } from "./visibility-query";
import { NotFound } from "@/lib/errors";

/** A conversation the actor may see, or 404 — never 403, so existence does not leak. */
export async function findVisibleConversation<S extends Prisma.ConversationSelect>(
  db: DbOrTx,
  actor: Actor,
  conversationId: string,
  select: S,
): Promise<Prisma.ConversationGetPayload<{ select: S }>> {
  const conversation = await db.conversation.findFirst({
    where: { AND: [{ id: String(conversationId) }, visibleConversationsWhere(actor)] },
    select,
  });
  if (!conversation) throw new NotFound("conversation");
  return conversation as Prisma.ConversationGetPayload<{ select: S }>;
}
