// Loads what block views show beyond the row: the contact and the names of the agents who lifted blocks.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import { toBlockView, type LiveChatBlockRow, type LiveChatBlockView } from "./block-view";

/** Views of the tenant's block rows; contacts and agents are looked up within the tenant only. */
export async function toBlockViews(
  db: DbOrTx,
  tenantId: string,
  rows: LiveChatBlockRow[],
  now: Date,
): Promise<LiveChatBlockView[]> {
  if (!rows.length) return [];
  const contactIds = [...new Set(rows.map((r) => r.contactId))];
  const agentIds = [...new Set(rows.flatMap((r) => (r.unblockedById ? [r.unblockedById] : [])))];
  const [contacts, agents] = await Promise.all([
    db.contact.findMany({
      where: { tenantId, id: { in: contactIds } },
      select: { id: true, name: true, externalId: true },
    }),
    agentIds.length
      ? db.agent.findMany({ where: { tenantId, id: { in: agentIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return rows.map((row) =>
    toBlockView(
      row,
      contactById.get(row.contactId) ?? { id: row.contactId, name: "Deleted user", externalId: null },
      names,
      now,
    ),
  );
}
