// POST /api/v1/conversations/:id/labels — add a label ({ labelId } or { label: name})
// DELETE /api/v1/conversations/:id/labels — remove it (same body)
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { conversationLabelSchema, setConversationLabel } from "@/lib/inbox/conversation-labels";
import { conversationChangeViewSchema } from "@/lib/conversations/view-schemas";

const responses = {
  200: { description: "The result", schema: conversationChangeViewSchema },
  409: { description: "The conversation is locked (its contact is marked as spam)" },
};

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/labels",
    tag: "Conversations",
    summary: "Add a label (by id or by name).",
    body: conversationLabelSchema,
    actsAsAgent: true,
    responses,
  },
  async ({ db, actor, params, req }) =>
    json(
      await setConversationLabel.fromUntrusted({
        db,
        actor,
        conversationId: params.id,
        input: await readJson(req),
        present: true,
      }),
    ),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/conversations/:id/labels",
    tag: "Conversations",
    summary: "Remove a label (by id or by name).",
    body: conversationLabelSchema,
    actsAsAgent: true,
    responses,
  },
  async ({ db, actor, params, req }) =>
    json(
      await setConversationLabel.fromUntrusted({
        db,
        actor,
        conversationId: params.id,
        input: await readJson(req),
        present: false,
      }),
    ),
);
