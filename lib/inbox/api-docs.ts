// OpenAPI operations of the inbox: conversations, contacts, outbox, agents.
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { CHANNELS } from "@/lib/channels/channels";
import { InboxBucket } from "@/lib/generated/prisma/enums";
import { listConversationsQuerySchema } from "./list-conversations";
import { assignConversationSchema } from "./assign-conversation";
import { conversationStatusSchema } from "./set-conversation-status";
import { conversationLabelSchema } from "./conversation-labels";
import { replySchema } from "./send-reply";
import { spamReasonViewSchema } from "@/lib/conversations/spam-reasons";
import { contactPatchSchema } from "@/lib/contacts/contact-schemas";
import { outboxAckSchema, outboxQuerySchema } from "@/lib/outbox/outbox";

const label = z.object({ id: z.string(), name: z.string(), color: z.string() });
const conversation = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(["waiting", "open", "resolved"]),
  bucket: z.enum(InboxBucket).describe("which list family it is in: `banned` is a banned sender's chat, in no agent list (the Sessions page and API still find it)"),
  contact: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  spamMarkedById: z.string().nullable().describe("who marked the contact as spam, while in Spam"),
  labels: z.array(label),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  queuedAt: z.string().nullable().describe("when it last asked to reach an agent (its place in the live-chat queue)"),
  spamScore: z.number().nullable().describe("the highest spam score (0–1, likely spam) of its incoming messages; null when none was scored (spam detection off)"),
  spamReasons: z.array(spamReasonViewSchema).describe("why that message scored so: what pushed it towards spam, strongest first"),
  createdAt: z.string(),
  updatedAt: z.string().describe("when the conversation last changed: the version of this state (a realtime event whose summary is older than one already held is stale)"),
});
const message = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(["in", "out"]),
  body: z.string(),
  authorAgentId: z.string().nullable(),
  spamScore: z.number().nullable().describe("incoming messages: probability of spam (0–1) when it arrived; null for outgoing messages and when spam detection was off"),
  spamReasons: z.array(spamReasonViewSchema).describe("what pushed the score towards spam, strongest first (words, phrases, spam strings, signals such as “contains a denied domain”)"),
  createdAt: z.string(),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const contact = z.object({
  id: z.string(),
  name: z.string(),
  authenticated: z.boolean(),
  externalId: z.string().nullable(),
  identities: z.array(z.object({ channel: z.enum(CHANNELS), identifier: z.string() })),
  spam: z.object({ markedAt: z.string(), markedBy: z.object({ id: z.string(), name: z.string() }).nullable() }).nullable(),
  activityData: z
    .record(z.string(), z.unknown())
    .describe("chat activity data, e.g. LiveChatBlockedUntil, LiveChatBlockedReason, LiveChatBlockedAt, LiveChatBlockedByAgentName when a block was saved to it"),
  liveChat: z
    .object({ blockId: z.string(), blockedUntil: z.string(), blockedAt: z.string(), reason: z.string(), blockedBy: z.object({ id: z.string().nullable(), name: z.string() }) })
    .nullable()
    .describe("the live-chat block in force for a signed-in user"),
  permissions: z.object({ unblockLiveChat: z.boolean() }),
  traits: z.array(z.object({ key: z.string(), type: z.enum(["text", "number", "boolean", "date"]), value: z.string(), system: z.boolean() })),
  conversations: z.array(conversation),
});
const outboxItem = z.object({
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

export const inboxOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/conversations",
    tag: "Conversations",
    summary:
      "An inbox list, newest activity first, 50 per page — except `waiting`, the live-chat queue (waiting, unassigned chats), in queue order: the chat waiting longest first. `spam` holds every chat of spam-marked contacts (agents without All access: those assigned to or marked by them); they are in no other list. `suspected` holds open chats the spam classifier holds back as likely spam (tenant spam detection mode `suspect`) until an agent confirms or dismisses them; agents without All access see only those assigned to them. `mine` needs X-Agent-Id; `all` needs the “can see All chats” permission (403 otherwise).",
    query: listConversationsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: page(conversation) } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/take-next",
    tag: "Conversations",
    summary:
      "The acting agent (X-Agent-Id, else the key's default agent) takes the chat that has waited longest in the live-chat queue — #1 of the `waiting` list: it is assigned to them and opens. `conversation` is null when nobody is waiting.",
    actsAsAgent: true,
    responses: { 200: { description: "The chat taken, or null", schema: z.object({ conversation: conversation.nullable() }) } },
  },
  {
    method: "get",
    path: "/api/v1/conversations/counts",
    tag: "Conversations",
    summary: "The count of every list the actor has (`waiting`: visitors in the live-chat queue; Resolved is not counted).",
    actsAsAgent: true,
    responses: { 200: { description: "Counts by list", schema: z.record(z.string(), z.number()) } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/dismiss-suspicion",
    tag: "Conversations",
    summary:
      "Dismiss the spam classifier's suspicion of a chat in the `suspected` list: it goes back to the list its status says and is not held again, and its messages teach the tenant's classifier “not spam”. `changed` is false when the chat was not suspected. To confirm a suspicion, mark the user as spam (POST /api/v1/contacts/:id/spam).",
    actsAsAgent: true,
    responses: { 200: { description: "The conversation after the dismissal", schema: z.object({ changed: z.boolean(), conversation }) } },
  },
  {
    method: "get",
    path: "/api/v1/conversations/:id",
    tag: "Conversations",
    summary: "One conversation with its newest 100 messages (older ones with ?before=olderMessagesCursor) and timeline events.",
    query: z.object({ before: z.string().optional() }),
    actsAsAgent: true,
    responses: {
      200: {
        description: "The conversation",
        schema: z.object({
          conversation: conversation.extend({ context: z.record(z.string(), z.unknown()) }),
          messages: z.array(message),
          olderMessagesCursor: z.string().nullable(),
          events: z.array(z.object({ id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()), createdAt: z.string() })),
        }),
      },
    },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/messages",
    tag: "Conversations",
    summary: "Send an outgoing message; it is stored and queued in the outbox. Authored by X-Agent-Id or the key's default agent (400 agent_required otherwise).",
    body: replySchema,
    actsAsAgent: true,
    responses: { 201: { description: "Sent", schema: z.object({ message, conversation }) } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/assignee",
    tag: "Conversations",
    summary: "Assign to an agent, or unassign with null. Taking a waiting chat opens it.",
    body: assignConversationSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The result", schema: z.object({ changed: z.boolean(), conversation }) } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/status",
    tag: "Conversations",
    summary: "Resolve or reopen.",
    body: conversationStatusSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The result", schema: z.object({ changed: z.boolean(), conversation }) } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/labels",
    tag: "Conversations",
    summary: "Add a label (by id or by name).",
    body: conversationLabelSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The result", schema: z.object({ changed: z.boolean(), conversation }) } },
  },
  {
    method: "delete",
    path: "/api/v1/conversations/:id/labels",
    tag: "Conversations",
    summary: "Remove a label (by id or by name).",
    body: conversationLabelSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The result", schema: z.object({ changed: z.boolean(), conversation }) } },
  },
  {
    method: "get",
    path: "/api/v1/contacts/:id",
    tag: "Contacts",
    summary: "A contact: identities per channel, typed traits, conversations visible to the actor.",
    actsAsAgent: true,
    responses: { 200: { description: "The contact", schema: contact } },
  },
  {
    method: "patch",
    path: "/api/v1/contacts/:id",
    tag: "Contacts",
    summary:
      "Rename and set traits. Traits are a map typed by JSON type (string → text, number, boolean), or { type: \"date\", value: \"2027-01-31\" }; null removes. System traits (“Marked as Spam”) answer 403 system_trait.",
    body: contactPatchSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The updated contact", schema: contact } },
  },
  {
    method: "get",
    path: "/api/v1/outbox",
    tag: "Outbox",
    summary: "Outgoing messages for channel connectors, oldest first.",
    query: outboxQuerySchema,
    responses: { 200: { description: "A page", schema: page(outboxItem) } },
  },
  {
    method: "post",
    path: "/api/v1/outbox/:id/ack",
    tag: "Outbox",
    summary: "Report a delivery: sent, or failed with an error. Re-acknowledging a sent message as sent is a no-op; as failed, 409.",
    body: outboxAckSchema,
    responses: { 200: { description: "The outbox message", schema: outboxItem } },
  },
  {
    method: "get",
    path: "/api/v1/agents",
    tag: "Agents",
    summary: "The tenant's active agents (for assignment).",
    responses: { 200: { description: "Agents", schema: page(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["AGENT", "SUPERVISOR", "ADMIN"]) })) } },
  },
];
