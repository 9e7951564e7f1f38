// Who may see a conversation: the one rule, on the facts lists keep (client-safe: the browser places
// realtime rows with it). Its query forms — a Prisma filter and SQL — are beside it in
// visibility-query.ts; tests/integration/inbox-lists.test.ts checks that every list agrees with it.
import { actsForTenant, type Actor } from "@/lib/auth/actor";
import type { ListFacts } from "./conversation-summary";

export interface Viewer {
  /** null for an API key's service identity (it has no "mine"). */
  agentId: string | null;
  seesAllChats: boolean;
}

/** Supervisors, admins, API keys and agents with the "can see All chats" permission see every chat. */
export function seesAllChats(actor: Actor): boolean {
  return actsForTenant(actor) || actor.role !== "AGENT" || actor.canSeeAllChats;
}

export function viewerOf(actor: Actor): Viewer {
  return { agentId: actor.kind === "agent" ? actor.agentId : null, seesAllChats: seesAllChats(actor) };
}

/**
 * An agent without All access sees the chats assigned to them and the unassigned queue; in Spam, the
 * chats assigned to them or that they marked as spam themselves; a banned sender's and suspected chats are in
 * nobody's queue. Everyone else sees every chat of their tenant.
 */
export function canSeeConversation(
  viewer: Viewer,
  facts: Pick<ListFacts, "bucket" | "assigneeId" | "spamMarkedById">,
): boolean {
  if (viewer.seesAllChats || (facts.assigneeId !== null && facts.assigneeId === viewer.agentId)) return true;
  if (facts.bucket === "spam") return facts.spamMarkedById !== null && facts.spamMarkedById === viewer.agentId;
  // Suspected chats are not in the queue either: only their assignee sees them.
  return facts.bucket !== "banned" && facts.bucket !== "suspected" && facts.assigneeId === null;
}
