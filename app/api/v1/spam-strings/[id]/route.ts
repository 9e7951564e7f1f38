// GET /api/v1/spam-strings/:id — one spam string, the list it is on, and its stored posts and users
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { getSpamString } from "@/lib/spam-manager/spam-strings";
import { spamStringDetailViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-strings/:id",
    tag: "Spam Manager",
    summary: "One spam string, the list it is on and its stored posts and users.",
    actsAsAgent: true,
    responses: { 200: { description: "The string", schema: spamStringDetailViewSchema } },
  },
  async ({ db, actor, params }) => json(await getSpamString({ db, actor, spamStringId: params.id })),
);
