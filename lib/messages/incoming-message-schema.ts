import { z } from "zod";
import { channelSchema } from "@/lib/channels/channels";

const nonBlank = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** POST /api/v1/messages — what a channel webhook delivers. Unknown fields are ignored. */
export const incomingMessageSchema = z
  .object({
    channel: channelSchema,
    from: nonBlank(320),
    text: z
      .string()
      .max(20_000, "must be at most 20000 characters")
      .refine((text) => text.trim().length > 0, "must not be empty"),
    contact: z
      .object({
        name: nonBlank(200).optional(),
        externalId: nonBlank(200).optional(),
        authenticated: z.boolean().optional(),
      })
      .optional(),
    conversationId: nonBlank(64).optional(),
  })
  .refine((input) => !input.contact?.authenticated || input.contact.externalId, {
    path: ["contact", "externalId"],
    message: "is required when contact.authenticated is true",
  });

export type IncomingMessageInput = z.infer<typeof incomingMessageSchema>;
