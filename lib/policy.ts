// Who may do what — the single place. Every lib entry point calls authorize()/can() before acting,
// so no entry point (page, server action, REST route, socket) can skip a rule. Later capabilities add
// their actions to PolicyResources and RULES.
import { Prisma } from "@/lib/generated/prisma/client";
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import type { Actor, AgentActor } from "@/lib/auth/actor";
import { Forbidden } from "@/lib/errors";

/** What the conversation-visibility rule needs to know about a conversation. */
export interface ConversationAccessFacts {
  tenantId: string;
  assigneeId: string | null;
  bucket: InboxBucket;
  spamMarkedById: string | null;
}

/** Each action and the resource it is checked against. */
export interface PolicyResources {
  "agents.manage": TenantScoped;
  /** End every session of an agent ("sign out everywhere"): the agent themself, or an admin. */
  "agents.signOut": TenantScoped & { agentId: string };
  "apiKeys.manage": TenantScoped;
  "labels.manage": TenantScoped;
  "campaigns.manage": TenantScoped;
  "conversation.view": ConversationAccessFacts;
  /** Assign, re-assign or unassign: `to` is the new assignee (null = unassign). */
  "conversation.assign": ConversationAccessFacts & { to: string | null };
  "messages.ingest": TenantScoped;
  /** Channel connectors read the outbox and acknowledge deliveries. */
  "outbox.deliver": TenantScoped;
  /** Working hours, widget secret, spam-list caps, retention, operator bans. */
  "tenant.settings": TenantScoped;
  /** Block a user from the live-chat queue (any agent who can see the chat). */
  "liveChat.block": ConversationAccessFacts;
  /** Lift a block before it expires: admins (users permission) and API keys, never agents. */
  "liveChat.unblock": TenantScoped;
  /**
   * Ban a client the actor already has in front of them — the client of a conversation they can see
   * (live session, session detail; the look-up is scoped by visibleConversationsWhere) or a user the
   * Spam Manager shows; agents only while the tenant lets operators ban.
   */
  "bans.create": TenantScoped & { operatorBansEnabled: boolean };
  /** Ban any identifier on any channel (Blacklist → Add, POST /api/v1/bans): admins and API keys only. */
  "bans.add": TenantScoped;
  /** See the Blacklist and the Sessions page, deactivate bans. */
  "bans.manage": TenantScoped;
  /** The Spam Manager: review spam strings and users, allow/deny, run actions. */
  "spamManager.moderate": TenantScoped;
  /** Define Spam Manager actions and rules. */
  "spamManager.configure": TenantScoped;
}

type TenantScoped = { tenantId: string };

export type PolicyAction = keyof PolicyResources;

/** Supervisors, admins, API keys and agents with the "can see All chats" permission see every chat. */
export function seesAllChats(actor: Actor): boolean {
  return actor.kind === "service" || actor.role !== "AGENT" || actor.canSeeAllChats;
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === "service" || actor.role === "ADMIN";
}

export function isSupervisorOrAdmin(actor: Actor): boolean {
  return actor.kind === "service" || actor.role !== "AGENT";
}

const RULES: { [A in PolicyAction]: (actor: Actor, resource: PolicyResources[A]) => boolean } = {
  "agents.manage": (actor) => actor.kind === "agent" && actor.role === "ADMIN",
  "agents.signOut": (actor, { agentId }) => actor.kind === "agent" && (actor.role === "ADMIN" || actor.agentId === agentId),
  // Keys are made by people, never by another key.
  "apiKeys.manage": (actor) => actor.kind === "agent" && actor.role === "ADMIN",
  "labels.manage": isAdmin,
  "campaigns.manage": isAdmin,
  "outbox.deliver": isAdmin,
  "tenant.settings": isAdmin,
  "liveChat.block": (actor, conversation) => can(actor, "conversation.view", conversation),
  "liveChat.unblock": isAdmin,
  "bans.create": (actor, { operatorBansEnabled }) => isAdmin(actor) || operatorBansEnabled,
  // Whatever the operator-bans setting: an arbitrary identifier is not a client the agent can see.
  "bans.add": isAdmin,
  "bans.manage": isSupervisorOrAdmin,
  "spamManager.moderate": isSupervisorOrAdmin,
  "spamManager.configure": isSupervisorOrAdmin,
  "conversation.view": (actor, conversation) => seesAllChats(actor) || isOwnOrQueued(actor as AgentActor, conversation),
  "conversation.assign": (actor, { assigneeId, to }) =>
    // Agents limited to their own chats may take a chat from the queue or put their own back.
    seesAllChats(actor) || (assigneeId === null || assigneeId === (actor as AgentActor).agentId) && (to === null || to === (actor as AgentActor).agentId),
  "messages.ingest": () => true,
};

/** An agent without All access sees the chats assigned to them and the unassigned queue; in Spam, the
 * chats assigned to them or that they marked as spam themselves. */
function isOwnOrQueued(actor: AgentActor, conversation: ConversationAccessFacts): boolean {
  if (conversation.assigneeId === actor.agentId) return true;
  if (conversation.bucket === "spam") return conversation.spamMarkedById === actor.agentId;
  // A banned sender's chats are in nobody's queue, nor are suspected chats (only their assignee's).
  if (conversation.bucket === "banned" || conversation.bucket === "suspected") return false;
  return conversation.assigneeId === null;
}

export function can<A extends PolicyAction>(actor: Actor, action: A, resource: PolicyResources[A]): boolean {
  if (resource.tenantId !== actor.tenantId) return false;
  return RULES[action](actor, resource);
}

export function authorize<A extends PolicyAction>(actor: Actor, action: A, resource: PolicyResources[A]): void {
  if (!can(actor, action, resource)) throw new Forbidden();
}

/** Contacts an actor may see: all of the tenant's, or (limited agents) those with a chat they may see. */
export function visibleContactsWhere(actor: Actor): Prisma.ContactWhereInput {
  if (seesAllChats(actor)) return { tenantId: actor.tenantId };
  return { tenantId: actor.tenantId, conversations: { some: visibleConversationsWhere(actor) } };
}

/** The "conversation.view" rule as a query filter, for lists and look-ups (tests keep the two in step). */
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
 * The same filter as SQL over a "Conversation" row aliased `c`, for the inbox lists (lib/inbox), which
 * read a page and its summaries in one statement. tests/integration/inbox-lists.test.ts checks that
 * every list agrees with the browser's rule for every viewer.
 */
export function visibleConversationsSql(actor: Actor): Prisma.Sql {
  if (seesAllChats(actor)) return Prisma.sql`c."tenantId" = ${actor.tenantId}`;
  const agentId = (actor as AgentActor).agentId;
  return Prisma.sql`c."tenantId" = ${actor.tenantId} AND (c."assigneeId" = ${agentId}
    OR (c."assigneeId" IS NULL AND c."bucket" IN ('active', 'resolved'))
    OR (c."bucket" = 'spam' AND c."spamMarkedById" = ${agentId}))`;
}
