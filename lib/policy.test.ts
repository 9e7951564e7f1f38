import { describe, expect, it } from "vitest";
import type { AgentActor, ServiceActor } from "@/lib/auth/actor";
import { can } from "./policy";

const agent = (overrides: Partial<AgentActor> = {}): AgentActor => ({
  kind: "agent",
  tenantId: "t1",
  agentId: "a1",
  role: "AGENT",
  canSeeAllChats: true,
  name: "A",
  email: "a@x",
  ...overrides,
});
const service: ServiceActor = { kind: "service", tenantId: "t1", apiKeyId: "k", apiKeyName: "K", defaultAgentId: null };

describe("policy: conversation.view", () => {
  const mine = { tenantId: "t1", assigneeId: "a1" };
  const theirs = { tenantId: "t1", assigneeId: "a2" };
  const queued = { tenantId: "t1", assigneeId: null };

  it("lets agents with All access, supervisors, admins and API keys see every chat of their tenant", () => {
    for (const actor of [agent(), agent({ role: "SUPERVISOR", canSeeAllChats: false }), agent({ role: "ADMIN", canSeeAllChats: false }), service]) {
      expect(can(actor, "conversation.view", theirs)).toBe(true);
    }
  });

  it("limits agents without All access to their own chats and the queue", () => {
    const limited = agent({ canSeeAllChats: false });
    expect(can(limited, "conversation.view", mine)).toBe(true);
    expect(can(limited, "conversation.view", queued)).toBe(true);
    expect(can(limited, "conversation.view", theirs)).toBe(false);
  });

  it("never crosses tenants", () => {
    expect(can(service, "conversation.view", { tenantId: "t2", assigneeId: null })).toBe(false);
    expect(can(agent({ role: "ADMIN" }), "agents.manage", { tenantId: "t2" })).toBe(false);
  });
});
