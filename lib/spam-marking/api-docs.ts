import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { bulkSpamMarkSchema } from "./bulk-set-spam-marks";

const result = z.object({ changed: z.boolean().describe("false when the contact already was in that state"), contactId: z.string(), spam: z.boolean(), conversationsMoved: z.number() });

export const spamMarkingOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary:
      "Mark the contact as spam: every conversation of theirs moves to the Spam list (GET /api/v1/conversations?list=spam) and is locked (409 contact_marked_as_spam on assign, labels and replies); their messages are still stored. Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "Result", schema: result } },
  },
  {
    method: "delete",
    path: "/api/v1/contacts/:id/spam",
    tag: "Spam marking",
    summary: "Un-mark the contact: their conversations return to All / You / Unassigned / Resolved by assignee and status. Idempotent.",
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
