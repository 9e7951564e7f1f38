// OpenAPI operations of live chat: connect to an agent (waiting queue, working hours), block from live
// chat, the conversation context flows write, and the Live Chat Blacklist.
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { blockRequestSchema, connectRequestSchema } from "./block-schemas";
import { listBlocksQuerySchema } from "./list-blocks";
import { contextPatchSchema } from "./conversation-context";

const block = z.object({
  id: z.string(),
  contact: z.object({ id: z.string(), name: z.string(), externalId: z.string().nullable() }),
  conversationId: z.string().nullable().describe("set for an anonymous visitor's block, which applies to that conversation only"),
  authenticated: z.boolean().describe("true: the user is on the tenant's Live Chat Blacklist"),
  status: z.enum(["active", "expired", "lifted"]).describe("computed from the times: active until blockedUntil"),
  blockedAt: z.string(),
  blockedUntil: z.string(),
  reason: z.string(),
  blockedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  savedToActivityData: z.boolean(),
  unblockedAt: z.string().nullable(),
  unblockedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  unblockedVia: z.enum(["admin", "api", "flow", "superseded"]).nullable(),
  hitCount: z.number().describe("refused connect attempts while in force"),
  lastHitAt: z.string().nullable(),
});

const connectAnswer = z.union([
  z.object({ connected: z.literal(true), state: z.literal("Queued"), position: z.number().describe("1 = next") }),
  z.object({ connected: z.literal(true), state: z.literal("Assigned"), assignee: z.object({ id: z.string(), name: z.string() }) }).describe("already with an agent; nothing changed"),
  z.object({ connected: z.literal(false), state: z.literal("IsBlockedForLiveChat"), blockedUntil: z.string() }),
  z.object({ connected: z.literal(false), state: z.literal("IsOutsideWorkingHours") }),
  z.object({ connected: z.literal(false), state: z.literal("IsBanned") }),
]);

export const liveChatOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/livechat/connect",
    tag: "Live chat",
    summary:
      "Connect the conversation's user to a helpdesk agent. The admission gate checks, in order, a ban on the channel, a live-chat block (authenticated users: the Live Chat Blacklist; anonymous: the context's LiveChatBlockedUntil) and the tenant's working hours. Admitted: the conversation waits in the queue (status waiting, Unassigned) and `position` is its place; asking again keeps it. Refused: nothing is queued, and the attempt is recorded (timeline, audit, hit count on the block). Messages are stored either way.",
    body: connectRequestSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The decision", schema: connectAnswer } },
  },
  {
    method: "post",
    path: "/api/v1/livechat/block",
    tag: "Live chat",
    summary:
      "Block the conversation's user from the live-chat queue for BlockIntervalMinutes (1..525600, default 1440) with a BlockReason (1..500 characters). Authenticated users go on the Live Chat Blacklist; with SaveToChatActivityData (default false) their activity data gets LiveChatBlockedUntil, LiveChatBlockedReason, LiveChatBlockedAt and LiveChatBlockedByAgentName (the agent's email; for a key without X-Agent-Id its default agent's email, else the key's name). Anonymous visitors are blocked in this conversation only: its context gets LiveChatBlockedUntil. Blocking someone already blocked never shortens the block: it runs to the later end, superseding the old one.",
    body: blockRequestSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The block in force", schema: block } },
  },
  {
    method: "patch",
    path: "/api/v1/conversations/:id/context",
    tag: "Live chat",
    summary:
      "Merge keys into the conversation context (null values are stored as null). `LiveChatBlockedUntil` is the anonymous visitor's live-chat block and is written through the block rules, so it shows on the Live Chat Blacklist with its history: null or a time not in the future (a few seconds of clock skew allowed) lifts the block in force (admins and API keys; agents 403); a future time, 1..525600 minutes from now, blocks until then (a block row, timeline line and audit entry, with the reason \"Set through the conversation context\"). Anyone who may block in the chat may set or extend a block; ending one earlier than it runs is an unblock, so agents get 403. Writing back the time already in force changes nothing. On an authenticated user's conversation the key is refused with 400: they are blocked on the Live Chat Blacklist (POST /api/v1/livechat/block, POST /api/v1/live-chat-blocks/:id/unblock).",
    body: contextPatchSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The whole context", schema: z.object({ id: z.string(), context: z.record(z.string(), z.unknown()) }) } },
  },
  {
    method: "get",
    path: "/api/v1/live-chat-blocks",
    tag: "Live chat",
    summary:
      "The Live Chat Blacklist and its history, newest first, 50 per page: active blocks, expired ones (history; expiry needs no job), lifted ones. Filter by user (q: name or external id), kind or contact. Supervisors, admins and API keys.",
    query: listBlocksQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: z.object({ items: z.array(block), nextCursor: z.string().nullable() }) } },
  },
  {
    method: "post",
    path: "/api/v1/live-chat-blocks/:id/unblock",
    tag: "Live chat",
    summary:
      "Lift a block before it expires (admins and API keys; agents and supervisors 403). An anonymous visitor's context value is cleared; a saved LiveChatBlockedUntil in activity data becomes the unblock time. 409 block_not_active when it has expired or was lifted already.",
    actsAsAgent: true,
    responses: { 200: { description: "The lifted block", schema: block } },
  },
];
