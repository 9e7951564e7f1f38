// GET /api/v1/audit-log?action=&actorKind=&actorId=&targetType=&targetId=&from=&to=&timeZone=&cursor= — the tenant's
// audit log, newest first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listAuditLog, listAuditLogQuerySchema } from "@/lib/audit-log/list-audit-log";
import { type AuditEntryApiView, auditEntryViewSchema } from "@/lib/audit-log/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/audit-log",
    tag: "Audit log",
    summary:
      "The audit log (admins and API keys): every action and refusal, newest first, with who acted and on what. " +
      "Filter by `action` (one action, or a group such as `ban`), by actor, by target (`targetType` and `targetId`: " +
      "the history of one ban or chat) and by date (`from` and `to`: days read in `timeZone`, or ISO-8601 times). " +
      "Entries are kept for the tenant's retention (Settings → Audit log, 365 days unless an admin changed it).",
    query: listAuditLogQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Entries", schema: pageOf(auditEntryViewSchema) } },
  },
  async ({ db, actor, req }) => {
    const page = await listAuditLog.fromUntrusted({
      db,
      actor,
      input: Object.fromEntries(req.nextUrl.searchParams),
    });
    const items = page.items.map(
      ({ target, ...entry }): AuditEntryApiView => ({
        ...entry,
        createdAt: entry.createdAt.toISOString(),
        target: target && { type: target.type, id: target.id, name: target.name },
      }),
    );
    return json({ items, nextCursor: page.nextCursor });
  },
);
