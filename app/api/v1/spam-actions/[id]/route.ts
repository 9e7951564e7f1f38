// PATCH /api/v1/spam-actions/:id — rename or change an action; DELETE /api/v1/spam-actions/:id — delete it and its
// rules
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deleteSpamAction, updateSpamAction } from "@/lib/spam-manager/spam-actions";
import { updateSpamActionSchema } from "@/lib/spam-manager/action-schemas";
import { spamActionViewSchema } from "@/lib/spam-manager/view-schemas";

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/spam-actions/:id",
    tag: "Spam Manager",
    summary: "Rename an action or change its type and params.",
    body: updateSpamActionSchema,
    actsAsAgent: true,
    responses: {
      200: { description: "The action", schema: spamActionViewSchema },
      409: { description: "action_exists: another action has that name" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await updateSpamAction.fromUntrusted({ db, actor, actionId: params.id, input: await readJson(req) })),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/spam-actions/:id",
    tag: "Spam Manager",
    summary: "Delete an action and the rules that run it. The Actions Log keeps its runs.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted action", schema: spamActionViewSchema } },
  },
  async ({ db, actor, params }) => json(await deleteSpamAction({ db, actor, actionId: params.id })),
);
