// GET /api/v1/conversations/:id — one conversation with its messages and timeline events
import { z } from "zod";
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { getConversation } from "@/lib/inbox/get-conversation";
import { conversationViewSchema, messageViewSchema } from "@/lib/conversations/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations/:id",
    tag: "Conversations",
    summary:
      "One conversation with its newest 100 messages (older ones with ?before=olderMessagesCursor) and timeline " +
      "events in their stretch (the newest 500; a line of type lines_omitted, never stored, counts older ones).",
    query: z.object({ before: z.string().optional() }),
    actsAsAgent: true,
    responses: {
      200: {
        description: "The conversation",
        schema: z.object({
          conversation: conversationViewSchema.extend({ context: z.record(z.string(), z.unknown()) }),
          messages: z.array(messageViewSchema),
          olderMessagesCursor: z.string().nullable(),
          events: z.array(
            z.object({
              id: z.string(),
              type: z.string(),
              data: z.record(z.string(), z.unknown()),
              createdAt: z.string(),
            }),
          ),
        }),
      },
    },
  },
  async ({ db, actor, params, req }) =>
    json(
      await getConversation.fromUntrusted({
        db,
        actor,
        conversationId: params.id,
        input: Object.fromEntries(req.nextUrl.searchParams),
      }),
    ),
);
