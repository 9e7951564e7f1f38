// The shapes of a conversation and its messages in API answers (lists, the conversation, every change
// answered with `{ changed, conversation }`): the one declaration the OpenAPI document and the tests read.
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";
import { InboxBucket } from "@/lib/generated/prisma/enums";
import { spamReasonViewSchema } from "./spam-reasons";

export const conversationLabelViewSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });

export const conversationViewSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(["waiting", "open", "resolved"]),
  bucket: z
    .enum(InboxBucket)
    .describe(
      "which list family it is in: `banned` is a banned sender's chat, in no agent list (the Sessions page and " +
        "API still find it)",
    ),
  contact: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  spamMarkedById: z.string().nullable().describe("who marked the contact as spam, while in Spam"),
  labels: z.array(conversationLabelViewSchema),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  queuedAt: z.string().nullable().describe("when it last asked to reach an agent (its place in the live-chat queue)"),
  spamScore: z
    .number()
    .nullable()
    .describe(
      "the highest spam score (0–1, likely spam) of its incoming messages; null when none was scored (spam " +
        "detection off)",
    ),
  spamReasons: z
    .array(spamReasonViewSchema)
    .describe("why that message scored so: what pushed it towards spam, strongest first"),
  createdAt: z.string(),
  updatedAt: z
    .string()
    .describe(
      "when the conversation last changed: the version of this state (a realtime event whose summary is older " +
        "than one already held is stale)",
    ),
});

/** The answer of every change to one conversation. */
export const conversationChangeViewSchema = z.object({ changed: z.boolean(), conversation: conversationViewSchema });

export const messageViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(["in", "out"]),
  body: z.string(),
  authorAgentId: z.string().nullable(),
  spamScore: z
    .number()
    .nullable()
    .describe(
      "incoming messages: probability of spam (0–1) when it arrived; null for outgoing messages and when spam " +
        "detection was off",
    ),
  spamReasons: z
    .array(spamReasonViewSchema)
    .describe(
      "what pushed the score towards spam, strongest first (words, phrases, spam strings, signals such as " +
        "“contains a denied domain”)",
    ),
  createdAt: z.string(),
});
