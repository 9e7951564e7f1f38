// The Actions Log: every run of a Spam Manager action, by a moderator or a rule, completed or failed.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/db";
import { createdBefore, mayModerate, pageOf, pagingSchema } from "./paging";
import type { Page } from "./spam-strings";
import { defineUseCase, type ReadContext } from "@/lib/use-case";

export const listActionLogQuerySchema = z.object({
  contactId: z.string().trim().max(64).optional(),
  status: z.enum(["completed", "failed"], { error: () => "must be completed or failed" }).optional(),
  ...pagingSchema,
});

export interface ActionLogView {
  id: string;
  action: { id: string | null; name: string };
  /** The rule that ran it; null for a manual run. */
  rule: { id: string; name: string | null } | null;
  contact: { id: string; name: string };
  status: "completed" | "failed";
  error: string | null;
  manual: boolean;
  /** Who ran it by hand: an agent, or an API key. */
  actor: { id: string; name: string } | null;
  /** Rules: the window the run belongs to (one run per user per rule per window). */
  windowKey: string | null;
  createdAt: Date;
}

type LogRow = Prisma.ActionLogGetPayload<object>;

export const listActionLog = defineUseCase({
  inputName: "query",
  input: listActionLogQuerySchema,
  authorize: mayModerate,
  run: async ({ db, actor }: ReadContext, { contactId, status, cursor, limit }): Promise<Page<ActionLogView>> => {
    const where: Prisma.ActionLogWhereInput = {
      tenantId: actor.tenantId,
      ...(contactId ? { contactId } : {}),
      ...(status ? { status } : {}),
    };
    if (cursor) where.OR = createdBefore(cursor);
    const rows = await db.actionLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
    const page = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
    return { items: await toActionLogViews(db, actor.tenantId, page.items), nextCursor: page.nextCursor };
  },
});

export async function toActionLogViews(db: DbOrTx, tenantId: string, rows: LogRow[]): Promise<ActionLogView[]> {
  if (rows.length === 0) return [];
  const ids = (pick: (row: LogRow) => string | null) => [
    ...new Set(rows.flatMap((row) => (pick(row) ? [pick(row)!] : []))),
  ];
  const [contacts, rules, agents, keys] = await Promise.all([
    db.contact.findMany({ where: { tenantId, id: { in: ids((r) => r.contactId) } }, select: { id: true, name: true } }),
    db.spamRule.findMany({ where: { tenantId, id: { in: ids((r) => r.ruleId) } }, select: { id: true, name: true } }),
    db.agent.findMany({ where: { tenantId, id: { in: ids((r) => r.actorId) } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { tenantId, id: { in: ids((r) => r.actorId) } }, select: { id: true, name: true } }),
  ]);
  const nameOf = <T extends { id: string; name: string }>(list: T[], id: string | null) =>
    id ? (list.find((item) => item.id === id)?.name ?? null) : null;
  return rows.map((row) => {
    const agentName = nameOf(agents, row.actorId);
    const keyName = nameOf(keys, row.actorId);
    return {
      id: row.id,
      action: { id: row.actionId, name: row.actionName },
      rule: row.ruleId ? { id: row.ruleId, name: nameOf(rules, row.ruleId) } : null,
      contact: { id: row.contactId, name: nameOf(contacts, row.contactId) ?? "Deleted user" },
      status: row.status,
      error: row.error,
      manual: row.manual,
      actor: row.actorId ? { id: row.actorId, name: agentName ?? (keyName ? `API key ${keyName}` : "Unknown") } : null,
      windowKey: row.windowKey,
      createdAt: row.createdAt,
    };
  });
}
