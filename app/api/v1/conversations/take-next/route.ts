// POST /api/v1/conversations/take-next — the acting agent takes the chat waiting longest in the live-chat queue
import { z } from "zod";
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { takeNextConversation } from "@/lib/inbox/take-next-conversation";
import { conversationViewSchema } from "@/lib/conversations/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/take-next",
    tag: "Conversations",
    summary:
      "The acting agent (X-Agent-Id, else the key's default agent) takes the chat that has waited longest in the " +
      "live-chat queue — #1 of the `waiting` list: it is assigned to them and opens. `conversation` is null when " +
      "nobody is waiting.",
    actsAsAgent: true,
    responses: {
      200: {
        description: "The chat taken, or null",
        schema: z.object({ conversation: conversationViewSchema.nullable() }),
      },
    },
  },
  async ({ db, actor }) => json(await takeNextConversation({ db, actor })),
);
