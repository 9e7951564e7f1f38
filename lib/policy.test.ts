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
  const facts = { bucket: "active" as const, spamMarkedById: null };
  const mine = { ...facts, tenantId: "t1", assigneeId: "a1" };
  const theirs = { ...facts, tenantId: "t1", assigneeId: "a2" };
  const queued = { ...facts, tenantId: "t1", assigneeId: null };

  it("lets agents with All access, supervisors, admins and API keys see every chat of their tenant", () => {
    for (const actor of [
      agent(),
      agent({ role: "SUPERVISOR", canSeeAllChats: false }),
      agent({ role: "ADMIN", canSeeAllChats: false }),
      service,
    ]) {
      expect(can(actor, "conversation.view", theirs)).toBe(true);
    }
  });

  it("limits agents without All access to their own chats and the queue", () => {
    const limited = agent({ canSeeAllChats: false });
    expect(can(limited, "conversation.view", mine)).toBe(true);
    expect(can(limited, "conversation.view", queued)).toBe(true);
    expect(can(limited, "conversation.view", theirs)).toBe(false);
  });

  it("shows an agent without All access only the spam chats assigned to them or marked by them", () => {
    const limited = agent({ canSeeAllChats: false });
    const spam = { tenantId: "t1", bucket: "spam" as const };
    expect(can(limited, "conversation.view", { ...spam, assigneeId: null, spamMarkedById: "a1" })).toBe(true);
    expect(can(limited, "conversation.view", { ...spam, assigneeId: "a1", spamMarkedById: "a2" })).toBe(true);
    expect(can(limited, "conversation.view", { ...spam, assigneeId: null, spamMarkedById: "a2" })).toBe(false);
    expect(
      can(agent({ role: "SUPERVISOR", canSeeAllChats: false }), "conversation.view", {
        ...spam,
        assigneeId: null,
        spamMarkedById: "a2",
      }),
    ).toBe(true);
  });

  it("never crosses tenants", () => {
    expect(can(service, "conversation.view", { ...queued, tenantId: "t2" })).toBe(false);
    expect(can(agent({ role: "ADMIN" }), "agents.manage", { tenantId: "t2" })).toBe(false);
  });
});

describe("policy: bans", () => {
  it("lets only admins and API keys ban an arbitrary identifier, whatever the operator-bans setting", () => {
    for (const actor of [agent(), agent({ role: "SUPERVISOR" })]) {
      expect(can(actor, "bans.add", { tenantId: "t1" })).toBe(false);
      expect(can(actor, "bans.create", { tenantId: "t1", operatorBansEnabled: true })).toBe(true);
      expect(can(actor, "bans.create", { tenantId: "t1", operatorBansEnabled: false })).toBe(false);
    }
    for (const actor of [agent({ role: "ADMIN" }), service]) {
      expect(can(actor, "bans.add", { tenantId: "t1" })).toBe(true);
      expect(can(actor, "bans.create", { tenantId: "t1", operatorBansEnabled: false })).toBe(true);
    }
  });
});

describe("policy: pages and sections (named actions instead of role tests)", () => {
  const tenant = { tenantId: "t1" };
  it("shows Settings to admins only, Live chat blocks to supervisors and admins; every agent may mark spam", () => {
    const roles = [agent(), agent({ role: "SUPERVISOR" }), agent({ role: "ADMIN" })];
    expect(roles.map((actor) => can(actor, "settings.view", tenant))).toEqual([false, false, true]);
    expect(roles.map((actor) => can(actor, "liveChatBlocks.view", tenant))).toEqual([false, true, true]);
    expect(roles.map((actor) => can(actor, "contacts.markSpam", tenant))).toEqual([true, true, true]);
    expect(can(service, "liveChatBlocks.view", tenant)).toBe(true);
    expect(can(agent({ role: "ADMIN" }), "settings.view", { tenantId: "t2" })).toBe(false);
  });
});
