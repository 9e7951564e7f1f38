// Builders for the settings capabilities: labels (with conversations carrying them) and API keys.
import type { Db } from "@/lib/db";
import type { ServiceActor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/auth/api-keys";
import { receiveMessage } from "./index";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createLabelRecord(db: Db, tenantId: string, data: { name?: string; color?: string } = {}) {
  return db.label.create({ data: { tenantId, name: data.name ?? `label-${unique()}`, color: data.color ?? "slate" } });
}

/** `count` new conversations in the service's tenant, each carrying the label. */
export async function labelConversations(db: Db, service: ServiceActor, labelId: string, count: number) {
  const conversationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { conversationId } = await receiveMessage(db, service);
    await db.conversationLabel.create({ data: { conversationId, labelId } });
    conversationIds.push(conversationId);
  }
  return conversationIds;
}

/** A key created directly (no policy, no audit), for tests of what others do with keys. */
export async function createApiKeyRecord(
  db: Db,
  tenantId: string,
  data: { name?: string; defaultAgentId?: string | null } = {},
) {
  const { key, record } = await createApiKey(db, tenantId, data.name ?? `Key ${unique()}`);
  if (data.defaultAgentId !== undefined)
    await db.apiKey.update({ where: { id: record.id }, data: { defaultAgentId: data.defaultAgentId } });
  return { key, record };
}
