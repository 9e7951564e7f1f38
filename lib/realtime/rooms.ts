// Room names, and the one place that decides who receives what (Chatwoot's listener, in one file).
import type { ListFacts } from "@/lib/conversations/conversation-summary";
import { canSeeInLists, type Viewer } from "@/lib/conversations/list-membership";

export const rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  /** Agents of the tenant who see every chat (supervisors, admins, "can see All chats"). */
  tenantAllChats: (tenantId: string) => `tenant:${tenantId}:all-chats`,
  /** Agents of the tenant limited to their own chats and the unassigned queue. */
  tenantQueue: (tenantId: string) => `tenant:${tenantId}:queue`,
  /** Agents of the tenant who may use the Spam Manager (policy "spamManager.moderate": supervisors, admins). */
  tenantSpamManager: (tenantId: string) => `tenant:${tenantId}:spam-manager`,
  /** Agents of the tenant who may see and manage bans (policy "bans.manage": supervisors, admins). */
  tenantBans: (tenantId: string) => `tenant:${tenantId}:bans`,
  /** Agents of the tenant who may manage campaigns (policy "campaigns.manage": admins). */
  tenantCampaigns: (tenantId: string) => `tenant:${tenantId}:campaigns`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** One browser session's sockets (lib/auth/agent-sessions.ts), to drop them when it ends. */
  session: (sessionId: string) => `session:${sessionId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};

/**
 * The rooms whose sockets may see a conversation with these facts (the conversation-visibility rule of
 * lib/policy.ts): agents with All access, its assignee, in Spam the agent who marked it, and — while it
 * is unassigned and in the queue's lists — every agent (those without All access are in the queue room).
 */
export function roomsSeeingConversation(tenantId: string, facts: ListFacts): string[] {
  const result = [rooms.tenantAllChats(tenantId)];
  if (facts.assigneeId) result.push(rooms.agent(facts.assigneeId));
  if (facts.bucket === "spam" && facts.spamMarkedById) result.push(rooms.agent(facts.spamMarkedById));
  if (!facts.assigneeId && (facts.bucket === "active" || facts.bucket === "resolved"))
    result.push(rooms.tenantQueue(tenantId));
  return [...new Set(result)];
}

/**
 * The rooms whose sockets may see a contact: agents with All access, and whoever may see one of its
 * conversations (`seenThrough`: their list facts) — visibleContactsWhere in lib/policy.ts.
 */
export function roomsSeeingContact(tenantId: string, seenThrough: ListFacts[]): string[] {
  return [
    ...new Set([
      rooms.tenantAllChats(tenantId),
      ...seenThrough.flatMap((facts) => roomsSeeingConversation(tenantId, facts)),
    ]),
  ];
}

/**
 * Rooms for a change to a conversation: everyone who could see it before or after the change. Not the
 * conversation's own room: everyone who may see the chat is reached through these (every agent socket is
 * in the all-chats or the queue room, and named agents in their own), while a socket left in the
 * conversation's room after losing sight of it (a join racing a reassignment) must not hear any more.
 */
export function roomsForConversationChange(
  tenantId: string,
  _conversationId: string,
  after: ListFacts,
  before: ListFacts | null,
): string[] {
  const { seeing, lostSight } = planConversationChangeDelivery(tenantId, after, before);
  return [...seeing, ...lostSight];
}

/**
 * A change to a conversation in two deliveries: `seeing` — the rooms that may see it now, who may be
 * told what it gained (its new timeline lines) — and `lostSight` — rooms that saw it before and may not
 * any more (send them with `except: seeing`), who hear only where it went, to drop its row.
 */
export function planConversationChangeDelivery(
  tenantId: string,
  after: ListFacts,
  before: ListFacts | null,
): { seeing: string[]; lostSight: string[] } {
  const seeing = roomsSeeingConversation(tenantId, after);
  const lostSight = before ? roomsSeeingConversation(tenantId, before).filter((room) => !seeing.includes(room)) : [];
  return { seeing, lostSight: [...new Set(lostSight)] };
}

export interface ConversationVisibilityChange {
  conversationId: string;
  previous: ListFacts | null;
  after: ListFacts;
}

/** One removal: sockets in `rooms` that are in none of `except` leave `rooms`. */
export interface RoomLeave {
  rooms: string[];
  except: string[];
}

/**
 * Who must leave a conversation's room after a change: everyone there who may no longer see it (the
 * conversation-visibility rule of lib/policy.ts): all but the agents with All access, its assignee and,
 * in Spam, the agent who marked it. Nothing to do for a chat in the queue (every agent sees it) or one
 * whose facts did not change. Conversations with the same remaining viewers share one removal.
 */
export function planConversationRoomLeaves(tenantId: string, changes: ConversationVisibilityChange[]): RoomLeave[] {
  const leaves = new Map<string, RoomLeave>();
  for (const { conversationId, previous, after } of changes) {
    if (!previous || sameFacts(previous, after)) continue;
    if (!after.assigneeId && (after.bucket === "active" || after.bucket === "resolved")) continue;
    const except = [rooms.tenantAllChats(tenantId)];
    if (after.assigneeId) except.push(rooms.agent(after.assigneeId));
    if (after.bucket === "spam" && after.spamMarkedById) except.push(rooms.agent(after.spamMarkedById));
    const key = except.join(" ");
    const leave = leaves.get(key) ?? { rooms: [], except };
    leave.rooms.push(rooms.conversation(conversationId));
    leaves.set(key, leave);
  }
  return [...leaves.values()];
}

function sameFacts(a: ListFacts, b: ListFacts): boolean {
  return a.bucket === b.bucket && a.assigneeId === b.assigneeId && a.spamMarkedById === b.spamMarkedById;
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
    ...[...named].map((agentId) => ({
      to: rooms.agent(agentId),
      except: [allChats],
      viewer: { agentId, seesAllChats: false },
    })),
    {
      to: rooms.tenantQueue(tenantId),
      except: [...named].map(rooms.agent),
      viewer: { agentId: null, seesAllChats: false },
    },
  ];
}

/** Whether a viewer could see a conversation before or after a move (then they must hear of it). */
export function concernsViewer(viewer: Viewer | null, previous: ListFacts | null, after: ListFacts): boolean {
  return viewer === null || canSeeInLists(viewer, after) || (previous !== null && canSeeInLists(viewer, previous));
}
