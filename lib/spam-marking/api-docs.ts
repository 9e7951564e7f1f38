import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { bulkSpamMarkSchema } from "./bulk-set-spam-marks";

const result = z.object({
  id: z.string().describe("the contact's id"),
  changed: z.boolean().describe("false when the contact already was in that state"),
  contactId: z.string().describe("the contact's id (same as id)"),
  spam: z.boolean().describe("whether the contact is now marked as spam"),
  conversationsMoved: z.number().describe("the contact's conversations the call moved between lists (0 when unchanged)"),
  spamMarkedAt: z.string().nullable().describe("ISO-8601 time of the mark in force, null when not marked"),
  spamMarkedBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe("the agent named as marker: X-Agent-Id's agent, else the key's default agent; null when not marked or marked by a key without a default agent"),
});

export const spamMarkingOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary:
      "Mark the contact as spam: every conversation of theirs moves to the Spam list (GET /api/v1/conversations?list=spam) and is locked (409 contact_marked_as_spam on assign, labels and replies); their messages are still stored. Conversations a ban holds stay out of every list (but locked) until the sender is admitted again. The acting agent (X-Agent-Id, else the key's default agent) is recorded as the marker and named in the timeline. Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "Result", schema: result } },
  },
  {
    method: "delete",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary:
      "Un-mark the contact: their conversations return to All / You / Unassigned / Resolved by assignee and status (those a ban holds stay out of every list). Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "Result", schema: result } },
  },
  {
    method: "post",
    path: "/api/v1/spam-marks",
    tag: "Spam marking",
    summary: "Mark or un-mark the users of several conversations (one transaction per contact); answers a summary.",
    body: bulkSpamMarkSchema,
    actsAsAgent: true,
    responses: {
      200: {
        description: "Summary",
        schema: z.object({
          spam: z.boolean(),
          contacts: z.array(z.object({ contactId: z.string(), name: z.string(), changed: z.boolean(), conversationsMoved: z.number() })),
          failed: z.array(z.object({ contactId: z.string(), name: z.string(), error: z.string() })),
          notFound: z.array(z.string()),
        }),
      },
    },
  },
];
