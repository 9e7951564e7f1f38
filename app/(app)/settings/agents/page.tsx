import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { listAgents } from "@/lib/agents/manage-agents";
import { AgentRowControls, CreateAgentButton } from "./agent-controls";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const actor = await requireAgentOrRedirect();
  const agents = await listAgents({ db: await getDb(), actor });
  return (
    <section aria-labelledby="agents-heading" className="max-w-5xl">
      <div className="mb-4 flex items-center justify-between gap-4">
        <div>
          <h2 id="agents-heading" className="text-lg font-semibold">
            Agents
          </h2>
          <p className="text-sm text-slate-600">People who work in this inbox, their role and what they can see.</p>
        </div>
        <CreateAgentButton />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="px-4 py-2">
                Role
              </th>
              <th scope="col" className="px-4 py-2">
                Can see All chats
              </th>
              <th scope="col" className="px-4 py-2">
                Status
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {agents.map((agent) => (
              <AgentRowControls
                key={agent.id}
                agent={{
                  id: agent.id,
                  name: agent.name,
                  email: agent.email,
                  role: agent.role,
                  canSeeAllChats: agent.canSeeAllChats,
                  active: !agent.deactivatedAt,
                  isSelf: agent.id === actor.agentId,
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
