// POST /api/v1/messages — a channel webhook delivers an incoming message
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute, errorSchema } from "@/lib/http/define-route";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { incomingMessageSchema } from "@/lib/messages/incoming-message-schema";
import { SENDER_LIMITS } from "@/lib/admission/sender-limits";

const { normal, hardCap } = SENDER_LIMITS;

const ingestResultSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  contactId: z.string(),
  admitted: z.boolean(),
  reason: z.enum(["banned"]).optional(),
  banId: z.string().optional(),
  flooding: z
    .literal(true)
    .optional()
    .describe(
      "The sender is past their normal rate: the message is stored, but agents see it on their next refresh, not live",
    ),
});

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/messages",
    tag: "Ingest",
    summary:
      "A channel webhook delivers an incoming message. Every message answered 202 is stored; `admitted` says " +
      "whether it reached the agents. " +
      `Limited per sender (channel + identifier), not per API key: ${normal.burst} messages at once then ` +
      `${normal.perSecond} a second are delivered live; past that, up to ${hardCap.burst} at once then ` +
      `${hardCap.perSecond} a second, ` +
      "the sender is flooding (stored, `flooding: true`, no live update); past that, 429 with Retry-After and the " +
      "message is not stored — send it again after the wait.",
    body: incomingMessageSchema,
    responses: {
      202: { description: "Stored", schema: ingestResultSchema },
      429: {
        description:
          "This sender is past its hard cap: not stored; retry after Retry-After seconds. Other senders on the " +
          "same key are unaffected.",
        schema: errorSchema,
        headers: { "Retry-After": { description: "Seconds until this sender may send again", type: "integer" } },
      },
    },
  },
  async ({ db, actor, req }) =>
    json(await receiveIncomingMessage.fromUntrusted({ db, actor, input: await readJson(req) }), 202),
  // Limited per sender (429 with Retry-After past a sender's hard cap), not per key: see lib/admission/sender-flood.ts.
  { perKeyLimit: false },
);
