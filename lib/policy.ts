// Who may do what — the single place. Every lib entry point calls authorize()/can() before acting,
// so no entry point (page, server action, REST route, socket) can skip a rule. Later capabilities add
// their actions to PolicyResources and RULES.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import { actsForTenant, type Actor, type AgentActor } from "@/lib/auth/actor";
import { Forbidden } from "@/lib/errors";
import { canSeeConversation, seesAllChats, viewerOf } from "@/lib/conversations/visibility";
import { visibleConversationsSql, visibleConversationsWhere } from "@/lib/conversations/visibility-query";

// The conversation-visibility rule lives in lib/conversations/visibility.ts (its query forms beside it);
// these names stay here for the callers that read policy and filters together.
export { seesAllChats, visibleConversationsSql, visibleConversationsWhere };

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
  /** Read the bans (GET /api/v1/bans, the Blacklist through Settings for admins), export and deactivate them. */
  "bans.manage": TenantScoped;
  /** The Spam Manager: review spam strings and users, allow/deny, run actions. */
  "spamManager.moderate": TenantScoped;
  /** Define Spam Manager actions and rules. */
  "spamManager.configure": TenantScoped;
  /** The Settings section (its pages and navigation entry): admins. */
  "settings.view": TenantScoped;
  /** The Live chat blocks page and GET /api/v1/livechat/blocks: supervisors and admins (and API keys). */
  "liveChatBlocks.view": TenantScoped;
  /**
   * Mark or un-mark a contact as spam: anyone who can see the contact (the look-up is scoped by visibleContactsWhere).
   */
  "contacts.markSpam": TenantScoped;
  /** Read the tenant's audit log (Settings → Audit log, GET /api/v1/audit-log): admins and API keys. */
  "auditLog.view": TenantScoped;
  /**
   * How long the audit log is kept: admins signed in as themselves, never an API key (shortening the log is
   * what someone holding a leaked key would want).
   */
  "auditLog.configure": TenantScoped;
}

type TenantScoped = { tenantId: string };

export type PolicyAction = keyof PolicyResources;

export function isAdmin(actor: Actor): boolean {
  return actsForTenant(actor) || actor.role === "ADMIN";
}

export function isSupervisorOrAdmin(actor: Actor): boolean {
  return actsForTenant(actor) || actor.role !== "AGENT";
}

const RULES: { [A in PolicyAction]: (actor: Actor, resource: PolicyResources[A]) => boolean } = {
  "agents.manage": (actor) => actor.kind === "agent" && actor.role === "ADMIN",
  "agents.signOut": (actor, { agentId }) =>
    actor.kind === "agent" && (actor.role === "ADMIN" || actor.agentId === agentId),
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
  "settings.view": isAdmin,
  "liveChatBlocks.view": isSupervisorOrAdmin,
  "contacts.markSpam": () => true,
  "auditLog.view": isAdmin,
  "auditLog.configure": (actor) => actor.kind === "agent" && actor.role === "ADMIN",
  "conversation.view": (actor, conversation) => canSeeConversation(viewerOf(actor), conversation),
  "conversation.assign": (actor, { assigneeId, to }) =>
    // Agents limited to their own chats may take a chat from the queue or put their own back.
    seesAllChats(actor) ||
    ((assigneeId === null || assigneeId === (actor as AgentActor).agentId) &&
      (to === null || to === (actor as AgentActor).agentId)),
  "messages.ingest": () => true,
};

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
