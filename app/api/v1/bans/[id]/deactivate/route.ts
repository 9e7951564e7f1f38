// POST /api/v1/bans/:id/deactivate — lift a ban; it stays in the history (Inactive)
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deactivateBan } from "@/lib/blacklist/manage-bans";
import { banViewSchema } from "@/lib/blacklist/ban-view";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/bans/:id/deactivate",
    tag: "Blacklist",
    summary: "Deactivate a ban (it stays in the history). Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "The ban", schema: banViewSchema } },
  },
  async ({ db, actor, params }) => json(await deactivateBan({ db, actor, banId: params.id })),
);
