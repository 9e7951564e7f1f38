// PATCH /api/v1/conversations/:id/context — merge keys into the conversation context ({ "LiveChatBlockedUntil": null }
// lifts an anonymous block)
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { contextPatchSchema, updateConversationContext } from "@/lib/live-chat/conversation-context";

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/conversations/:id/context",
    tag: "Live chat",
    summary:
      "Merge keys into the conversation context (null values are stored as null). `LiveChatBlockedUntil` is the " +
      "anonymous visitor's live-chat block and is written through the block rules, so it shows on the Live Chat " +
      "Blacklist with its history: null or a time not in the future (a few seconds of clock skew allowed) lifts " +
      "the block in force (admins and API keys; agents 403); a future time, 1..525600 minutes from now, blocks " +
      'until then (a block row, timeline line and audit entry, with the reason "Set through the conversation ' +
      'context"). Anyone who may block in the chat may set or extend a block; ending one earlier than it runs is ' +
      "an unblock, so agents get 403. Writing back the time already in force changes nothing. On an authenticated " +
      "user's conversation the key is refused with 400: they are blocked on the Live Chat Blacklist (POST " +
      "/api/v1/livechat/block, POST /api/v1/live-chat-blocks/:id/unblock).",
    body: contextPatchSchema,
    actsAsAgent: true,
    responses: {
      200: {
        description: "The whole context",
        schema: z.object({ id: z.string(), context: z.record(z.string(), z.unknown()) }),
      },
    },
  },
  async ({ db, actor, params, req }) =>
    json(
      await updateConversationContext.fromUntrusted({
        db,
        actor,
        conversationId: params.id,
        input: await readJson(req),
      }),
    ),
);
