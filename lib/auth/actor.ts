// Who is acting: a signed-in agent (browser, or an API call naming an agent with X-Agent-Id), an
// API key's own service identity (full access within its tenant), or Bouncer itself acting on the
// tenant's behalf (a Spam Manager rule: full access within its tenant, named by the rule).
import type { Role } from "@/lib/generated/prisma/enums";

export interface AgentActor {
  kind: "agent";
  tenantId: string;
  agentId: string;
  role: Role;
  canSeeAllChats: boolean;
  name: string;
  email: string;
  /** The browser session this agent acts through (lib/auth/agent-sessions.ts); none for X-Agent-Id API calls. */
  sessionId?: string;
}

export interface ServiceActor {
  kind: "service";
  tenantId: string;
  apiKeyId: string;
  apiKeyName: string;
  /** Authors outgoing messages sent with this key when no X-Agent-Id names an agent. */
  defaultAgentId: string | null;
}

/** Bouncer acting on its own for a tenant: a Spam Manager rule running its action. */
export interface SystemActor {
  kind: "system";
  tenantId: string;
  /** How timelines, logs and the audit log name it: "Spam rule Likely spam". */
  name: string;
  /** What is acting, for the audit log's actorId (the rule's id). */
  sourceId: string;
}

export type Actor = AgentActor | ServiceActor | SystemActor;

/** A Spam Manager rule, acting. */
export function ruleActor(tenantId: string, rule: { id: string; name: string }): SystemActor {
  return { kind: "system", tenantId, name: `Spam rule ${rule.name}`, sourceId: rule.id };
}

/** Whether the actor has the tenant-wide access of the tenant itself (an API key, or Bouncer acting). */
export function actsForTenant(actor: Actor): actor is ServiceActor | SystemActor {
  return actor.kind !== "agent";
}

/** Agent id to record as the author of an action, if the actor is an agent. */
export function actingAgentId(actor: Actor): string | null {
  return actor.kind === "agent" ? actor.agentId : null;
}

/** A name for timelines and audit entries: "Ann Agent" or "API key Zapier". */
export function actorDisplayName(actor: Actor): string {
  if (actor.kind === "agent") return actor.name;
  if (actor.kind === "system") return actor.name;
  return `API key ${actor.apiKeyName}`;
}

/** Fields for an AuditLog row. */
export function auditActor(actor: Actor): { actorKind: string; actorId: string } {
  if (actor.kind === "agent") return { actorKind: "agent", actorId: actor.agentId };
  if (actor.kind === "system") return { actorKind: "rule", actorId: actor.sourceId };
  return { actorKind: "api_key", actorId: actor.apiKeyId };
}
