// One declaration per public API operation: method, path, inputs, answers and errors, written once beside
// the handler in app/api/v1/**/route.ts. The same object wraps the handler (API-key auth, the acting agent,
// the JSON error shape), feeds GET /api/v1/openapi.json (lib/http/openapi.ts), and lets the tests check
// that every answer they see matches what the operation declares (checkResponse, tests/helpers/api.ts).
import "server-only";
import { z } from "zod";
import { type ApiContext, type ApiKeyOptions, type ApiRequest, errorResponse, withApiKey } from "./api";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** The JSON answer; none for an answer that is not JSON (CSV) or carries no body. */
  schema?: z.ZodType;
  /** "text/csv" and the like, for answers that are not JSON. */
  contentType?: string;
  headers?: Record<string, { description: string; type: "integer" | "string" }>;
}

export interface OperationSpec<Path extends string = string> {
  method: HttpMethod;
  /** Express-style (`/api/v1/bans/:id`); the document writes it OpenAPI-style (`/api/v1/bans/{id}`). */
  path: Path;
  tag: string;
  summary: string;
  /** Path parameters beyond "a string per `:name`" (an enum, a description). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Request headers the operation reads, besides Authorization. */
  headers?: z.ZodObject;
  /** Whether the call may name an acting agent with X-Agent-Id. */
  actsAsAgent?: boolean;
  /** "public": no API key (the document itself). Default "apiKey". */
  auth?: "apiKey" | "public";
  /** Status → answer. 400, 401, 403 and 404 in the error shape are implied (COMMON_ERRORS). */
  responses: Record<number, ResponseSpec>;
}

/** Path parameters named by the path: "/a/:id/b/:list" → { id: string; list: string }. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<string, never>;

type RouteContext = { params: Promise<unknown> };
export type RouteHandler = ((req: ApiRequest, route: RouteContext) => Promise<Response>) & {
  operation: OperationSpec;
};

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("snake_case, stable"),
    message: z.string().describe("for humans"),
    details: z.unknown().optional().describe("for 400: { fields: [{ field, message }] }"),
  }),
});

/** Answers every operation may give, in the error shape, without declaring them. */
const COMMON_ERRORS: Record<number, string> = {
  400: "Invalid input; details.fields names each bad field",
  401: "Missing, unknown or revoked API key",
  403: "Not allowed",
  404: "Not found, or not visible to the acting agent",
};

/** The error answers an operation gives beyond its declared ones: shared guards answer them for every route. */
export function impliedErrors(operation: OperationSpec): Record<number, string> {
  if (operation.auth === "public") return {};
  const implied: Record<number, string> = { ...COMMON_ERRORS, 429: "Rate limited; retry after Retry-After seconds" };
  if (operation.body) implied[413] = "The body is over this path's size limit";
  return implied;
}

/** `{ items, nextCursor }`: the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A route handler for Next.js that carries its declaration. `export const POST = defineRoute({ method: "POST",
 * path: "/api/v1/bans/:id/deactivate", … }, async ({ db, actor, params }) => json(…))`.
 */
export function defineRoute<const Path extends string>(
  operation: OperationSpec<Path>,
  handler: (ctx: ApiContext<PathParams<Path>>) => Promise<Response>,
  options: ApiKeyOptions = {},
): RouteHandler {
  const run =
    operation.auth === "public"
      ? async (req: ApiRequest, route: RouteContext) => {
          // A public operation (the document itself) knows no actor and reads no database: its handler uses req alone.
          try {
            return await handler({ req, params: ((await route?.params) ?? {}) as PathParams<Path> } as ApiContext<
              PathParams<Path>
            >);
          } catch (error) {
            return errorResponse(error);
          }
        }
      : withApiKey<PathParams<Path>>(handler, options);
  return Object.assign(run as (req: ApiRequest, route: RouteContext) => Promise<Response>, {
    operation: operation as OperationSpec,
  });
}

/**
 * What is wrong with an answer, measured against its operation's declaration, or null when it matches:
 * an undeclared status, or a JSON body its schema refuses. Errors without a schema of their own must
 * have the error shape.
 */
export function checkResponse(operation: OperationSpec, status: number, body: unknown): string | null {
  const where = `${operation.method} ${operation.path} → ${status}`;
  const declared = operation.responses[status];
  if (!declared && !(status in impliedErrors(operation))) return `${where} is not a declared answer`;
  const schema = declared ? declared.schema : errorSchema;
  if (!schema) return null;
  const result = schema.safeParse(body);
  if (result.success) return null;
  return `${where}: the body does not match the declared schema:\n${z.prettifyError(result.error)}`;
}
