// Who is acting: a signed-in agent (browser, or an API call naming an agent with X-Agent-Id), or an
// API key's own service identity (full access within its tenant).
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
  /** For the system acting on its own (a Spam Manager rule): how timelines and the audit log name it. */
  system?: { name: string };
}

export type Actor = AgentActor | ServiceActor;

/** Agent id to record as the author of an action, if the actor is an agent. */
export function actingAgentId(actor: Actor): string | null {
  return actor.kind === "agent" ? actor.agentId : null;
}

/** A name for timelines and audit entries: "Ann Agent" or "API key Zapier". */
export function actorDisplayName(actor: Actor): string {
  if (actor.kind === "agent") return actor.name;
  return actor.system?.name ?? `API key ${actor.apiKeyName}`;
}

/** Fields for an AuditLog row. */
export function auditActor(actor: Actor): { actorKind: string; actorId: string } {
  if (actor.kind === "agent") return { actorKind: "agent", actorId: actor.agentId };
  return actor.system
    ? { actorKind: "rule", actorId: actor.apiKeyId }
    : { actorKind: "api_key", actorId: actor.apiKeyId };
}
