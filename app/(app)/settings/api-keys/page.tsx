import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";
import { DataTable } from "@/components/ui/data-table";
import { ApiKeyRowControls, CreateApiKeyButton } from "./api-key-controls";
import { PageSection } from "@/components/ui/page-section";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const db = await getDb();
  const [apiKeys, agents] = await Promise.all([listApiKeys({ db, actor }), listAssignableAgents({ db, actor })]);
  const agentOptions = agents.map((agent) => ({ id: agent.id, name: agent.name }));
  return (
    <PageSection
      id="api-keys"
      title="API keys"
      description={
        <>
          For channel webhooks, chatbot flows and connectors calling the REST API with{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5 text-xs text-slate-800">
            Authorization: Bearer &lt;key&gt;
          </code>
          . See the{" "}
          <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
            API reference (OpenAPI)
          </a>
          .
        </>
      }
      action={<CreateApiKeyButton agents={agentOptions} />}
    >
      <DataTable
        label="API keys"
        phoneCards
        columns={[
          { header: "Name" },
          { header: "Key", hideBelow: "sm" },
          { header: "Default agent" },
          { header: "Created" },
          { header: "Last used" },
          { header: "Status" },
          { header: "Actions", srOnly: true },
        ]}
        rowCount={apiKeys.length}
        empty="No API keys yet. Create one for each integration, so you can revoke them one by one."
      >
        {apiKeys.map((apiKey) => (
          <ApiKeyRowControls
            key={apiKey.id}
            agents={agentOptions}
            apiKey={{
              id: apiKey.id,
              name: apiKey.name,
              prefix: apiKey.prefix,
              defaultAgent: apiKey.defaultAgent
                ? {
                    id: apiKey.defaultAgent.id,
                    name: apiKey.defaultAgent.name,
                    active: !apiKey.defaultAgent.deactivatedAt,
                  }
                : null,
              createdAt: apiKey.createdAt.toISOString(),
              lastUsedAt: apiKey.lastUsedAt?.toISOString() ?? null,
              revokedAt: apiKey.revokedAt?.toISOString() ?? null,
            }}
          />
        ))}
      </DataTable>
    </PageSection>
  );
}
