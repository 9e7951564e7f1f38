// POST /api/v1/conversations/:id/messages — send an outgoing message (as X-Agent-Id or the key's default agent)
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { replySchema, sendReply } from "@/lib/inbox/send-reply";
import { conversationViewSchema, messageViewSchema } from "@/lib/conversations/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/messages",
    tag: "Conversations",
    summary:
      "Send an outgoing message; it is stored and queued in the outbox. Authored by X-Agent-Id or the key's " +
      "default agent (400 agent_required otherwise).",
    body: replySchema,
    actsAsAgent: true,
    responses: {
      201: {
        description: "Sent",
        schema: z.object({ message: messageViewSchema, conversation: conversationViewSchema }),
      },
      409: { description: "The conversation is locked (its contact is marked as spam)" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await sendReply.fromUntrusted({ db, actor, conversationId: params.id, input: await readJson(req) }), 201),
);
