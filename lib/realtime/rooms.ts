// Room names, and the one place that decides who receives what (Chatwoot's listener, in one file).
import type { ListFacts } from "@/lib/inbox/conversation-summary";
import { canSeeInLists, type Viewer } from "@/lib/inbox/list-membership";

export const rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  /** Agents of the tenant who see every chat (supervisors, admins, "can see All chats"). */
  tenantAllChats: (tenantId: string) => `tenant:${tenantId}:all-chats`,
  /** Agents of the tenant limited to their own chats and the unassigned queue. */
  tenantQueue: (tenantId: string) => `tenant:${tenantId}:queue`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** One browser session's sockets (lib/auth/agent-sessions.ts), to drop them when it ends. */
  session: (sessionId: string) => `session:${sessionId}`,
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
    if (facts.bucket === "spam" && facts.spamMarkedById) result.add(rooms.agent(facts.spamMarkedById));
    if (!facts.assigneeId && (facts.bucket === "active" || facts.bucket === "resolved")) result.add(rooms.tenantQueue(tenantId));
  }
  return [...result];
}

/** One delivery of a multi-conversation event: these rooms, minus those, see what `viewer` may see. */
export interface ScopedDelivery {
  to: string;
  except: string[];
  /** null: sees everything (agents with All access). */
  viewer: Viewer | null;
}

/**
 * Who receives an event about many conversations at once (a contact marked as spam), each agent
 * exactly once and only with what they may see: everyone with All access gets all of it; an agent
 * without it who is named in the conversations (assignee, marker) gets their part in their own room;
 * every other such agent gets only the queue's part.
 */
export function planScopedDelivery(tenantId: string, facts: ListFacts[]): ScopedDelivery[] {
  const named = new Set<string>();
  for (const f of facts) {
    if (f.assigneeId) named.add(f.assigneeId);
    if (f.spamMarkedById) named.add(f.spamMarkedById);
  }
  const allChats = rooms.tenantAllChats(tenantId);
  return [
    { to: allChats, except: [], viewer: null },
    ...[...named].map((agentId) => ({ to: rooms.agent(agentId), except: [allChats], viewer: { agentId, seesAllChats: false } })),
    { to: rooms.tenantQueue(tenantId), except: [...named].map(rooms.agent), viewer: { agentId: null, seesAllChats: false } },
  ];
}

/** Whether a viewer could see a conversation before or after a move (then they must hear of it). */
export function concernsViewer(viewer: Viewer | null, previous: ListFacts | null, after: ListFacts): boolean {
  return viewer === null || canSeeInLists(viewer, after) || (previous !== null && canSeeInLists(viewer, previous));
}
