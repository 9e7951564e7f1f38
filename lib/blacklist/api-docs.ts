import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { CHANNELS } from "@/lib/channels/channels";
import { BAN_SOURCES, banConversationClientSchema, createBanSchema, listBansQuerySchema } from "./ban-schemas";
import { listSessionsQuerySchema } from "@/lib/sessions/list-sessions";

const ban = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  identifier: z.string().describe("normalized: E.164, lower-case email, exact id"),
  reason: z.string(),
  source: z.enum(BAN_SOURCES),
  contact: z.object({ id: z.string(), name: z.string() }).nullable(),
  conversationId: z.string().nullable(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  status: z.enum(["active", "inactive", "expired"]),
  deactivatedAt: z.string().nullable(),
  deactivatedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  hitCount: z.number(),
  lastHitAt: z.string().nullable(),
});
const created = ban.extend({ closedConversations: z.number().describe("ongoing conversations of the client on that channel, closed by the ban") });

export const blacklistOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/bans",
    tag: "Blacklist",
    summary: "The tenant blacklist (supervisors, admins, API keys). Default status=active; expired bans count as inactive.",
    query: listBansQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: z.object({ items: z.array(ban), nextCursor: z.string().nullable(), total: z.number() }) } },
  },
  {
    method: "post",
    path: "/api/v1/bans",
    tag: "Blacklist",
    summary:
      "Ban any identifier on one channel (source api): API keys' own identity and admins only — with X-Agent-Id of a non-admin agent, 403 whatever the operator-bans setting (operators ban the client of a conversation with POST /api/v1/conversations/:id/ban). The identifier is normalized as ingest does (\"+44 7700 900123\" and \"07700900123\" with region GB are the same ban). 400 names the bad field; 409 ban_exists carries details.banId of the active ban. The client's ongoing conversations on that channel are closed.",
    body: createBanSchema,
    actsAsAgent: true,
    responses: { 201: { description: "The ban", schema: created } },
  },
  { method: "get", path: "/api/v1/bans/:id", tag: "Blacklist", summary: "One ban.", actsAsAgent: true, responses: { 200: { description: "The ban", schema: ban } } },
  {
    method: "post",
    path: "/api/v1/bans/:id/deactivate",
    tag: "Blacklist",
    summary: "Deactivate a ban (it stays in the history). Idempotent.",
    actsAsAgent: true,
    responses: { 200: { description: "The ban", schema: ban } },
  },
  {
    method: "get",
    path: "/api/v1/bans/export",
    tag: "Blacklist",
    summary: "The filtered blacklist as CSV (same query as GET /api/v1/bans, all pages).",
    query: listBansQuerySchema.omit({ cursor: true, limit: true }),
    actsAsAgent: true,
    responses: { 200: { description: "text/csv" } },
  },
  {
    method: "post",
    path: "/api/v1/conversations/:id/ban",
    tag: "Blacklist",
    summary:
      "Ban the conversation's client on its channel (operators: only while the tenant lets operators ban, else 403 before anything else is checked). `source` records where the ban was made: live_session (default) or session_detail.",
    body: banConversationClientSchema,
    actsAsAgent: true,
    responses: { 201: { description: "The ban", schema: created } },
  },
  {
    method: "get",
    path: "/api/v1/sessions",
    tag: "Blacklist",
    summary: "Search every conversation the actor may see, banned senders' too (status=banned), by text, channel, agent (id or none), status and date.",
    query: listSessionsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page of conversations" } },
  },
];
