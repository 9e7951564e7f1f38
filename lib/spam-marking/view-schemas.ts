// The shapes spam marking answers with (POST/DELETE /api/v1/contacts/:id/spam, POST /api/v1/spam-marks).
import { z } from "zod";

export const spamMarkResultSchema = z.object({
  id: z.string().describe("the contact's id"),
  changed: z.boolean().describe("false when the contact already was in that state"),
  contactId: z.string().describe("the contact's id (same as id)"),
  spam: z.boolean().describe("whether the contact is now marked as spam"),
  conversationsMoved: z
    .number()
    .describe("the contact's conversations the call moved between lists (0 when unchanged)"),
  spamMarkedAt: z.string().nullable().describe("ISO-8601 time of the mark in force, null when not marked"),
  spamMarkedBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe(
      "the agent named as marker: X-Agent-Id's agent, else the key's default agent; null when not marked or " +
        "marked by a key without a default agent",
    ),
});

export const bulkSpamMarkResultSchema = z.object({
  spam: z.boolean(),
  contacts: z.array(
    z.object({ contactId: z.string(), name: z.string(), changed: z.boolean(), conversationsMoved: z.number() }),
  ),
  failed: z.array(z.object({ contactId: z.string(), name: z.string(), error: z.string() })),
  notFound: z.array(z.string()),
});
