// GET /api/v1/spam-rules — the post rules; POST /api/v1/spam-rules — define one ({ name, trigger, params, actionId,
// enabled? })
import { json, readJson } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { createSpamRule, listSpamRules } from "@/lib/spam-manager/spam-rules";
import { createSpamRuleSchema } from "@/lib/spam-manager/action-schemas";
import { spamRuleViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-rules",
    tag: "Spam Manager",
    summary: "The post rules (nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Rules", schema: pageOf(spamRuleViewSchema) } },
  },
  async ({ db, actor }) => json({ items: await listSpamRules({ db, actor }), nextCursor: null }),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-rules",
    tag: "Spam Manager",
    summary:
      "Define a rule: denied_string (a message contains a denied string), uncategorized_burst (a user posts ≥ " +
      "threshold messages with uncategorized strings within windowMinutes) or disguised_string (a message " +
      'contains a string of one of kinds written disguised — "evil[.]com", "hxxp://", "name (at) mail (dot) com" ' +
      "— that is not on the Allow list). Rules run on ingest, at most once per user per rule per window.",
    body: createSpamRuleSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: spamRuleViewSchema } },
  },
  async ({ db, actor, req }) =>
    json(await createSpamRule.fromUntrusted({ db, actor, input: await readJson(req) }), 201),
);
