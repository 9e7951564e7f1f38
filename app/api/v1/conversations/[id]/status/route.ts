// POST /api/v1/conversations/:id/status — resolve ({ status: "resolved" }) or reopen ({ status: "open" })
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { conversationStatusSchema, setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { conversationChangeViewSchema } from "@/lib/conversations/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/status",
    tag: "Conversations",
    summary: "Resolve or reopen.",
    body: conversationStatusSchema,
    actsAsAgent: true,
    responses: {
      200: { description: "The result", schema: conversationChangeViewSchema },
      409: { description: "The conversation is locked (its contact is marked as spam)" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(
      await setConversationStatus.fromUntrusted({ db, actor, conversationId: params.id, input: await readJson(req) }),
    ),
);
