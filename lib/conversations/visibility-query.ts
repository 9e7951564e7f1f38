// The visibility rule of visibility.ts as a Prisma filter and as SQL, for look-ups and lists. Keep the
// three in step: tests/integration/inbox-lists.test.ts compares every list with the rule.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, AgentActor } from "@/lib/auth/actor";
import { seesAllChats } from "./visibility";

/** The rule as a query filter, for lists and look-ups. */
export function visibleConversationsWhere(actor: Actor): Prisma.ConversationWhereInput {
  if (seesAllChats(actor)) return { tenantId: actor.tenantId };
  const agent = actor as AgentActor;
  return {
    tenantId: actor.tenantId,
    OR: [
      { assigneeId: agent.agentId },
      { assigneeId: null, bucket: { in: ["active", "resolved"] } },
      { bucket: "spam", spamMarkedById: agent.agentId },
    ],
  };
}

/**
 * The same filter as SQL over a "Conversation" row aliased `c`, for the inbox lists, which read a page
 * and its summaries in one statement.
 */
export function visibleConversationsSql(actor: Actor): Prisma.Sql {
  if (seesAllChats(actor)) return Prisma.sql`c."tenantId" = ${actor.tenantId}`;
  const agentId = (actor as AgentActor).agentId;
  return Prisma.sql`c."tenantId" = ${actor.tenantId} AND (c."assigneeId" = ${agentId}
    OR (c."assigneeId" IS NULL AND c."bucket" IN ('active', 'resolved'))
    OR (c."bucket" = 'spam' AND c."spamMarkedById" = ${agentId}))`;
}
