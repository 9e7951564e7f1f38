import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";
import { ApiKeyRowControls, CreateApiKeyButton } from "./api-key-controls";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const db = await getDb();
  const [apiKeys, agents] = await Promise.all([listApiKeys({ db, actor }), listAssignableAgents({ db, actor })]);
  const agentOptions = agents.map((agent) => ({ id: agent.id, name: agent.name }));
  return (
    <section aria-labelledby="api-keys-heading" className="max-w-5xl">
      <div className="mb-4 flex items-center justify-between gap-4">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold">
            API keys
          </h2>
          <p className="text-sm text-slate-600">
            For channel webhooks, chatbot flows and connectors calling the REST API with{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 text-xs text-slate-800">
              Authorization: Bearer &lt;key&gt;
            </code>
            . See the{" "}
            <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
              API reference (OpenAPI)
            </a>
            .
          </p>
        </div>
        <CreateApiKeyButton agents={agentOptions} />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Key
              </th>
              <th scope="col" className="px-4 py-2">
                Default agent
              </th>
              <th scope="col" className="px-4 py-2">
                Created
              </th>
              <th scope="col" className="px-4 py-2">
                Last used
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
            {apiKeys.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-10 text-center text-slate-500">
                  No API keys yet. Create one for each integration, so you can revoke them one by one.
                </td>
              </tr>
            )}
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
