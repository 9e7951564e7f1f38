// Room names, and the one place that decides who receives what (Chatwoot's listener, in one file).
import type { ListFacts } from "@/lib/inbox/conversation-summary";

export const rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  /** Agents of the tenant who see every chat (supervisors, admins, "can see All chats"). */
  tenantAllChats: (tenantId: string) => `tenant:${tenantId}:all-chats`,
  /** Agents of the tenant limited to their own chats and the unassigned queue. */
  tenantQueue: (tenantId: string) => `tenant:${tenantId}:queue`,
  agent: (agentId: string) => `agent:${agentId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};

/** Rooms for a change to a conversation: everyone who could see it before or after the change. */
export function roomsForConversationChange(
  tenantId: string,
  conversationId: string,
  after: ListFacts,
  before: ListFacts | null,
): string[] {
  const result = new Set([rooms.tenantAllChats(tenantId), rooms.conversation(conversationId)]);
  for (const facts of before ? [after, before] : [after]) {
    if (facts.assigneeId) result.add(rooms.agent(facts.assigneeId));
    else result.add(rooms.tenantQueue(tenantId));
  }
  return [...result];
}
