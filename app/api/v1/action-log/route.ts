// GET /api/v1/action-log?contactId=&status=completed|failed&cursor= — the Actions Log: every run of a Spam Manager
// action, newest first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listActionLog, listActionLogQuerySchema } from "@/lib/spam-manager/action-log";
import { actionLogEntryViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/action-log",
    tag: "Spam Manager",
    summary:
      "The Actions Log: every run of an action, by hand or by a rule, completed or failed with its error; newest " +
      "first.",
    query: listActionLogQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Runs", schema: pageOf(actionLogEntryViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listActionLog.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
