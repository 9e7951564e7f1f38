// GET /api/v1/conversations/counts — the live count of every inbox list the actor has
import { z } from "zod";
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { countConversations } from "@/lib/inbox/list-conversations";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations/counts",
    tag: "Conversations",
    summary:
      "The count of every list the actor has (`waiting`: visitors in the live-chat queue; Resolved is not counted).",
    actsAsAgent: true,
    responses: { 200: { description: "Counts by list", schema: z.record(z.string(), z.number()) } },
  },
  async ({ db, actor }) => json(await countConversations({ db, actor })),
);
