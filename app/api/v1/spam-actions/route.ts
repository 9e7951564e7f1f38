// GET /api/v1/spam-actions — the named Spam Manager actions; POST /api/v1/spam-actions — define one ({ name, type,
// params })
import { json, readJson } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { createSpamAction, listSpamActions } from "@/lib/spam-manager/spam-actions";
import { createSpamActionSchema } from "@/lib/spam-manager/action-schemas";
import { spamActionViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-actions",
    tag: "Spam Manager",
    summary: "The named actions moderators and rules run (nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Actions", schema: pageOf(spamActionViewSchema) } },
  },
  async ({ db, actor }) => json({ items: await listSpamActions({ db, actor }), nextCursor: null }),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-actions",
    tag: "Spam Manager",
    summary:
      "Define an action. Types: mark_spam, block_live_chat, ban_channel, flag_review; params are checked per " +
      "type. Names are unique (409 action_exists).",
    body: createSpamActionSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: spamActionViewSchema }, 409: { description: "action_exists" } },
  },
  async ({ db, actor, req }) =>
    json(await createSpamAction.fromUntrusted({ db, actor, input: await readJson(req) }), 201),
);
