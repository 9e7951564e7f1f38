import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { listAgents } from "@/lib/agents/manage-agents";
import { DataTable } from "@/components/ui/data-table";
import { AgentRowControls, CreateAgentButton } from "./agent-controls";
import { PageSection } from "@/components/ui/page-section";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const actor = await requireAgentOrRedirect();
  const agents = await listAgents({ db: await getDb(), actor });
  return (
    <PageSection
      id="agents"
      title="Agents"
      description={<>People who work in this inbox, their role and what they can see.</>}
      action={<CreateAgentButton />}
    >
      <DataTable
        label="Agents"
        phoneCards
        columns={[
          { header: "Name" },
          { header: "Role" },
          { header: "Can see All chats" },
          { header: "Status" },
          { header: "Actions", srOnly: true },
        ]}
        rowCount={agents.length}
        empty={null}
      >
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
      </DataTable>
    </PageSection>
  );
}
