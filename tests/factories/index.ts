// Builders for test data, written through the same lib functions the app uses where one exists.
import type { Db } from "@/lib/db";
import type { AgentActor, ServiceActor } from "@/lib/auth/actor";
import { insertAgent } from "@/lib/agents/manage-agents";
import { createApiKey } from "@/lib/auth/api-keys";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { whenEventsIdle } from "@/lib/events/dispatch";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ChannelName } from "@/lib/channels/channels";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createTenant(
  db: Db,
  data: { name?: string; defaultPhoneRegion?: string; operatorBansEnabled?: boolean } = {},
) {
  return db.tenant.create({ data: { name: data.name ?? `Tenant ${unique()}`, ...data } });
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function createAgent(
  db: Db,
  tenantId: string,
  data: { role?: Role; canSeeAllChats?: boolean; name?: string; email?: string } = {},
) {
  const agent = await insertAgent(db, tenantId, {
    email: data.email ?? `agent-${unique()}@example.test`,
    name: data.name ?? `Agent ${unique()}`,
    password: TEST_PASSWORD,
    role: data.role ?? "AGENT",
    canSeeAllChats: data.canSeeAllChats ?? true,
  });
  const actor: AgentActor = {
    kind: "agent",
    tenantId,
    agentId: agent.id,
    role: agent.role,
    canSeeAllChats: agent.canSeeAllChats,
    name: agent.name,
    email: agent.email,
  };
  return { agent, actor };
}

export async function createServiceActor(db: Db, tenantId: string): Promise<ServiceActor & { key: string }> {
  const { key, record } = await createApiKey(db, tenantId, `Key ${unique()}`);
  return { kind: "service", tenantId, apiKeyId: record.id, apiKeyName: record.name, defaultAgentId: null, key };
}

/** A tenant with an admin, a supervisor, an agent with All access, one without, and an API key. */
export async function createTeam(db: Db, tenantData: Parameters<typeof createTenant>[1] = {}) {
  const tenant = await createTenant(db, tenantData);
  const [admin, supervisor, agent, limited] = [
    await createAgent(db, tenant.id, { role: "ADMIN", name: "Ada Admin" }),
    await createAgent(db, tenant.id, { role: "SUPERVISOR", name: "Sam Supervisor" }),
    await createAgent(db, tenant.id, { name: "Ann Agent" }),
    await createAgent(db, tenant.id, { name: "Bob Limited", canSeeAllChats: false }),
  ];
  const service = await createServiceActor(db, tenant.id);
  return { tenant, admin, supervisor, agent, limited, service };
}

export async function receiveMessage(
  db: Db,
  service: ServiceActor,
  input: {
    channel?: ChannelName;
    from?: string;
    text?: string;
    contact?: { name?: string; externalId?: string; authenticated?: boolean };
    conversationId?: string;
  } = {},
  now?: Date,
) {
  const received = await receiveIncomingMessage({
    db,
    actor: service,
    input: {
      channel: "whatsapp",
      from: `+1555${String(1000000 + (counter++ % 8999999)).slice(0, 7)}`,
      text: "Hello",
      ...input,
    },
    now,
  });
  await whenEventsIdle(); // the message's queued listeners (spam strings, rules, campaigns) have run
  return received;
}
