// The OpenAPI 3.1 document of the public REST API, generated from the operations the route handlers
// declare (lib/http/define-route.ts), with zod 4's own JSON Schema output: the document is made of the
// very schemas the routes parse with and answer by, so it cannot drift from what the server does.
// app/api/v1/operations.ts lists the operations; this module knows no capability.
import { z } from "zod";
import { errorSchema, impliedErrors, type OperationSpec } from "./define-route";

function toJsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return json;
}

function objectParameters(schema: z.ZodObject | undefined, where: "path" | "query" | "header") {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input") as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function parameters(op: OperationSpec) {
  const declaredPath = objectParameters(op.params, "path");
  const pathParams = [...op.path.matchAll(/:(\w+)/g)].map(
    (m) =>
      declaredPath.find((p) => p.name === m[1]) ?? {
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      },
  );
  // Query parameters stay optional in the document as they always were: the route answers 400 naming a missing one.
  const queryParams = objectParameters(op.query, "query").map((p) => ({ ...p, required: false }));
  const agentHeader = op.actsAsAgent
    ? [
        {
          name: "X-Agent-Id",
          in: "header",
          required: false,
          schema: { type: "string" },
          description: "Act as this agent of the key's tenant, with exactly their permissions",
        },
      ]
    : [];
  return [...pathParams, ...queryParams, ...objectParameters(op.headers, "header"), ...agentHeader];
}

function responses(op: OperationSpec) {
  const answers: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    answers[status] = {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, header]) => [
                name,
                { description: header.description, schema: { type: header.type } },
              ]),
            ),
          }
        : {}),
      ...(response.schema
        ? { content: { "application/json": { schema: toJsonSchema(response.schema, "output") } } }
        : {}),
      ...(response.contentType ? { content: { [response.contentType]: { schema: { type: "string" } } } } : {}),
    };
  }
  for (const [status, description] of Object.entries(impliedErrors(op))) {
    answers[status] ??= {
      description,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return answers;
}

export function openApiDocument(operations: readonly OperationSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathKey = op.path.replace(/:(\w+)/g, "{$1}");
    paths[pathKey] ??= {};
    paths[pathKey][op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === "public" ? { security: [] } : {}),
      parameters: parameters(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toJsonSchema(op.body, "input") } },
            },
          }
        : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Bouncer API",
      version: "1",
      description:
        "Public REST API. JSON in and out; `Authorization: Bearer <api key>`. Lists answer `{ items, nextCursor " +
        "}`; pass `?cursor=` for the next page. Times are ISO-8601 UTC.",
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
