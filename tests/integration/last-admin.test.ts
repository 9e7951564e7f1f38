// The last active admin cannot be removed, even by two admins removing each other at the same moment.
// Meaningful on PostgreSQL (DATABASE_URL: CI's PostgreSQL pass), where the two transactions really run
// at once; on the embedded database they are serialized anyway and this is a plain regression test.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createAgent, createTeam } from "../factories";
import { setAgentActive, updateAgent } from "@/lib/agents/manage-agents";
import type { AgentActor } from "@/lib/auth/actor";

const ROUNDS = 6;

type Removal = (actor: AgentActor, target: AgentActor) => Promise<unknown>;
const deactivate: Removal = (actor, target) =>
  setAgentActive({ db: testDatabase().prisma, actor, agentId: target.agentId, active: false });
const demote: Removal = (actor, target) =>
  updateAgent({ db: testDatabase().prisma, actor, input: { agentId: target.agentId, role: "AGENT" } });

async function race(first: Removal, second: Removal) {
  const db = testDatabase().prisma;
  const { tenant, admin } = await createTeam(db);
  const other = await createAgent(db, tenant.id, { role: "ADMIN", name: "Ola Otheradmin" });
  const results = await Promise.allSettled([first(admin.actor, other.actor), second(other.actor, admin.actor)]);
  const activeAdmins = await db.agent.count({ where: { tenantId: tenant.id, role: "ADMIN", deactivatedAt: null } });
  return { results, activeAdmins };
}

describe("the last active admin", () => {
  for (const [name, first, second] of [
    ["deactivate each other", deactivate, deactivate],
    ["demote each other", demote, demote],
    ["one deactivates while the other demotes", deactivate, demote],
  ] as const) {
    it(`survives two admins who ${name} at once (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { results, activeAdmins } = await race(first, second);
        expect(activeAdmins).toBe(1);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected");
        // The loser is told it would remove the last admin, or that it is no longer an admin itself.
        expect((refused as PromiseRejectedResult).reason).toMatchObject({
          status: expect.any(Number),
          code: expect.stringMatching(/^(last_admin|forbidden)$/),
        });
      }
    });
  }
});
