// The shape of a contact in API answers (GET and PATCH /api/v1/contacts/:id).
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";
import { conversationViewSchema } from "@/lib/conversations/view-schemas";

export const contactViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  authenticated: z.boolean(),
  externalId: z.string().nullable(),
  identities: z.array(z.object({ channel: z.enum(CHANNELS), identifier: z.string() })),
  spam: z
    .object({ markedAt: z.string(), markedBy: z.object({ id: z.string(), name: z.string() }).nullable() })
    .nullable(),
  activityData: z
    .record(z.string(), z.unknown())
    .describe(
      "chat activity data, e.g. LiveChatBlockedUntil, LiveChatBlockedReason, LiveChatBlockedAt, " +
        "LiveChatBlockedByAgentName when a block was saved to it",
    ),
  liveChat: z
    .object({
      blockId: z.string(),
      blockedUntil: z.string(),
      blockedAt: z.string(),
      reason: z.string(),
      blockedBy: z.object({ id: z.string().nullable(), name: z.string() }),
    })
    .nullable()
    .describe("the live-chat block in force for a signed-in user"),
  permissions: z.object({ unblockLiveChat: z.boolean() }),
  traits: z.array(
    z.object({
      key: z.string(),
      type: z.enum(["text", "number", "boolean", "date"]),
      value: z.string(),
      system: z.boolean(),
    }),
  ),
  conversations: z.array(conversationViewSchema),
});
