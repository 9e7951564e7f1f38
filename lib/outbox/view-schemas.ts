// The shape of an outbox message in API answers (GET /api/v1/outbox, POST /api/v1/outbox/:id/ack).
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";

export const outboxItemViewSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  recipient: z.string(),
  body: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  messageId: z.string().nullable(),
  conversationId: z.string().nullable(),
  campaignId: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
