// POST /api/v1/conversations/:id/assignee — assign ({ assigneeId }) or unassign ({ assigneeId: null })
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { assignConversation, assignConversationSchema } from "@/lib/inbox/assign-conversation";
import { conversationChangeViewSchema } from "@/lib/conversations/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/assignee",
    tag: "Conversations",
    summary: "Assign to an agent, or unassign with null. Taking a waiting chat opens it.",
    body: assignConversationSchema,
    actsAsAgent: true,
    responses: {
      200: { description: "The result", schema: conversationChangeViewSchema },
      409: { description: "The conversation is locked (its contact is marked as spam)" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await assignConversation.fromUntrusted({ db, actor, conversationId: params.id, input: await readJson(req) })),
);
