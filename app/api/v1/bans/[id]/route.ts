// GET /api/v1/bans/:id — one ban, active or not
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { getBan } from "@/lib/blacklist/manage-bans";
import { banViewSchema } from "@/lib/blacklist/ban-view";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/bans/:id",
    tag: "Blacklist",
    summary: "One ban.",
    actsAsAgent: true,
    responses: { 200: { description: "The ban", schema: banViewSchema } },
  },
  async ({ db, actor, params }) => json(await getBan({ db, actor, banId: params.id })),
);
