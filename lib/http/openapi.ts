// The OpenAPI document of the public REST API, built from the same zod schemas the routes parse with,
// so the document cannot drift from what the server accepts. Each capability lists its operations in
// OPERATIONS; tests/integration/openapi.test.ts checks that every route file under app/api/v1 is here.
import { z } from "zod";
import { incomingMessageSchema } from "@/lib/messages/incoming-message-schema";
import { inboxOperations } from "@/lib/inbox/api-docs";
import { spamMarkingOperations } from "@/lib/spam-marking/api-docs";
import { labelOperations } from "@/lib/labels/api-docs";
import { campaignOperations } from "@/lib/campaigns/api-docs";
import { blacklistOperations } from "@/lib/blacklist/api-docs";
import { spamManagerOperations } from "@/lib/spam-manager/api-docs";
import { liveChatOperations } from "@/lib/live-chat/api-docs";
import { tenantSettingsOperations } from "@/lib/tenant-settings/api-docs";
import { agentOperations } from "@/lib/agents/api-docs";
import { SENDER_LIMITS } from "@/lib/admission/sender-limits";

type Method = "get" | "post" | "patch" | "put" | "delete";

export interface Operation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Status → description and (optionally) the schema of the JSON answer. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: Record<string, { description: string; type: "integer" | "string" }> }>;
  /** Whether the call may name an acting agent with X-Agent-Id. */
  actsAsAgent?: boolean;
}

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("snake_case, stable"),
    message: z.string().describe("for humans"),
    details: z.unknown().optional().describe("for 400: { fields: [{ field, message }] }"),
  }),
});

const ingestResultSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  contactId: z.string(),
  admitted: z.boolean(),
  reason: z.enum(["banned"]).optional(),
  banId: z.string().optional(),
  flooding: z
    .literal(true)
    .optional()
    .describe("The sender is past their normal rate: the message is stored, but agents see it on their next refresh, not live"),
});

const { normal, hardCap } = SENDER_LIMITS;

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/v1/messages",
    tag: "Ingest",
    summary:
      "A channel webhook delivers an incoming message. Every message answered 202 is stored; `admitted` says whether it reached the agents. " +
      `Limited per sender (channel + identifier), not per API key: ${normal.burst} messages at once then ${normal.perSecond} a second are delivered live; past that, up to ${hardCap.burst} at once then ${hardCap.perSecond} a second, ` +
      "the sender is flooding (stored, `flooding: true`, no live update); past that, 429 with Retry-After and the message is not stored — send it again after the wait.",
    body: incomingMessageSchema,
    responses: {
      202: { description: "Stored", schema: ingestResultSchema },
      429: {
        description: "This sender is past its hard cap: not stored; retry after Retry-After seconds. Other senders on the same key are unaffected.",
        schema: errorSchema,
        headers: { "Retry-After": { description: "Seconds until this sender may send again", type: "integer" } },
      },
    },
  },
  ...inboxOperations,
  ...spamMarkingOperations,
  ...labelOperations,
  ...campaignOperations,
  ...blacklistOperations,
  ...spamManagerOperations,
  ...liveChatOperations,
  ...tenantSettingsOperations,
  ...agentOperations,
];

function toJsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return json;
}

const COMMON_ERRORS: Record<number, string> = {
  400: "Invalid input; details.fields names each bad field",
  401: "Missing, unknown or revoked API key",
  403: "Not allowed",
  404: "Not found, or not visible to the acting agent",
};

export function openApiDocument(operations: Operation[] = OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathKey = op.path.replace(/:(\w+)/g, "{$1}");
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const queryParams = op.query
      ? Object.entries((toJsonSchema(op.query, "input").properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema,
        }))
      : [];
    const agentHeader = op.actsAsAgent
      ? [{ name: "X-Agent-Id", in: "header", required: false, schema: { type: "string" }, description: "Act as this agent of the key's tenant, with exactly their permissions" }]
      : [];
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers
          ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { description: header.description, schema: { type: header.type } }])) }
          : {}),
        ...(response.schema ? { content: { "application/json": { schema: toJsonSchema(response.schema, "output") } } } : {}),
      };
    }
    for (const [status, description] of Object.entries(COMMON_ERRORS)) {
      responses[status] ??= { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    paths[pathKey] ??= {};
    paths[pathKey][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      parameters: [...pathParams, ...queryParams, ...agentHeader],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toJsonSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Bouncer API",
      version: "1",
      description:
        "Public REST API. JSON in and out; `Authorization: Bearer <api key>`. Lists answer `{ items, nextCursor }`; pass `?cursor=` for the next page. Times are ISO-8601 UTC.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings" } },
      schemas: { Error: toJsonSchema(errorSchema, "output") },
    },
    paths,
  };
}
