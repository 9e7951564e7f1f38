// PATCH /api/v1/spam-rules/:id — change, enable or disable a rule; DELETE /api/v1/spam-rules/:id — delete it
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deleteSpamRule, updateSpamRule } from "@/lib/spam-manager/spam-rules";
import { updateSpamRuleSchema } from "@/lib/spam-manager/action-schemas";
import { spamRuleViewSchema } from "@/lib/spam-manager/view-schemas";

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/spam-rules/:id",
    tag: "Spam Manager",
    summary: "Change a rule, or enable/disable it.",
    body: updateSpamRuleSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The rule", schema: spamRuleViewSchema } },
  },
  async ({ db, actor, params, req }) =>
    json(await updateSpamRule.fromUntrusted({ db, actor, ruleId: params.id, input: await readJson(req) })),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/spam-rules/:id",
    tag: "Spam Manager",
    summary: "Delete a rule.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted rule", schema: spamRuleViewSchema } },
  },
  async ({ db, actor, params }) => json(await deleteSpamRule({ db, actor, ruleId: params.id })),
);
