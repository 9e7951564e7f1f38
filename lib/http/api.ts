// The public REST API's shell: API-key authentication, the acting agent (X-Agent-Id), JSON bodies,
// and errors in the documented shape { error: { code, message, details } }. Route handlers stay thin.
import "server-only";
import { NextResponse } from "next/server";
import { getDb, type Db } from "@/lib/db";
import { authenticateApiKey, bearerKeyOf, touchApiKeyUsage } from "@/lib/auth/api-keys";
import { loadAgentActor } from "@/lib/auth/agents";
import { agentFromCookieHeader } from "@/lib/auth/session-cookie";
import { authSecret } from "@/lib/env";
import { enforceRateLimit, RATE_LIMITS } from "@/lib/rate-limit/rate-limiter";
import type { Actor } from "@/lib/auth/actor";
import {
  AppError,
  InvalidInput,
  nulNotAllowed,
  NotFound,
  RateLimited,
  tooDeeplyNested,
  Unauthenticated,
} from "@/lib/errors";
import { isNulTextError } from "@/lib/db/errors";
import { jsonNestsDeeperThan, NUL } from "@/lib/text-input";
import { readBodyText } from "./body-limits";
import { clientAddress } from "./client-address";
import type { ApiRequest } from "./api-request";

export type { ApiRequest };

export interface ApiContext<P> {
  db: Db;
  actor: Actor;
  params: P;
  req: ApiRequest;
}

type RouteContext<P> = { params: Promise<P> };

export function json(body: unknown, status = 200): NextResponse {
  return jsonText(JSON.stringify(body), status);
}

/** json() of a body already written as JSON text (a document built once and served many times). */
export function jsonText(text: string, status = 200): NextResponse {
  const response = new NextResponse(text, { status, headers: { "content-type": "application/json" } });
  sentBodies.set(response, text);
  return response;
}

// What json() answered, as text: server.ts writes a node-served route's answer from it without reading the
// response's stream back (lib/http/node-route.ts). Shared through globalThis like readBodyText's bodies.
const shared = globalThis as typeof globalThis & { __bouncerSentBodies?: WeakMap<Response, string> };
shared.__bouncerSentBodies ??= new WeakMap<Response, string>();
const sentBodies = shared.__bouncerSentBodies;

/** The body json() gave `response`, or undefined for a response made another way. */
export function jsonBodyOf(response: Response): string | undefined {
  return sentBodies.get(response);
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const response = json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      },
      error.status,
    );
    if (error instanceof RateLimited) response.headers.set("Retry-After", String(error.retryAfterSeconds));
    return response;
  }
  // The boundary refuses NUL by field (parseInput, readJson, path and query checks); text that reached
  // the database another way is still the caller's bad input, not our bug.
  if (isNulTextError(error)) return errorResponse(nulNotAllowed("(input)"));
  console.error("[api] unexpected error:", error);
  return json({ error: { code: "internal_error", message: "Something went wrong on our side." } }, 500);
}

/**
 * The JSON body, or: 413 past the path's body cap (lib/http/body-limits.ts), 400 if it is not JSON,
 * 400 if it nests deeper than any of our schemas, found before the parse (NUL and other text rules apply in
 * parseInput).
 */
export async function readJson(req: ApiRequest): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) return {};
  if (jsonNestsDeeperThan(text)) throw tooDeeplyNested("request body");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidInput("The request body is not valid JSON.", undefined, "invalid_json");
  }
  return value;
}

/** Path and query parameters carry no NUL (PostgreSQL cannot compare text with one): a 400 naming the parameter. */
export function checkUrlParams(req: ApiRequest, params: unknown): void {
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && v.includes(NUL))) throw nulNotAllowed(name, "path");
  }
  for (const [name, value] of req.nextUrl.searchParams) {
    if (name.includes(NUL) || value.includes(NUL)) throw nulNotAllowed(name.replaceAll(NUL, "\\u0000"), "query");
  }
}

const USAGE_WRITE_INTERVAL_MS = 60_000;
const lastUsageWrite = new Map<string, number>();

/**
 * "Last used" for the API keys page, written at most once a minute per key and process (ingest stays one write
 * lighter).
 */
function recordKeyUsage(db: Db, apiKeyId: string): void {
  const now = Date.now();
  if (now - (lastUsageWrite.get(apiKeyId) ?? 0) < USAGE_WRITE_INTERVAL_MS) return;
  lastUsageWrite.set(apiKeyId, now);
  void touchApiKeyUsage(db, apiKeyId);
}

/**
 * The actor for an API request: the key's service identity, or the agent named by X-Agent-Id. The
 * browser UI also reads (GET only) with the signed-in agent's session cookie; its changes go through
 * server actions, which Next protects against cross-site posts.
 */
export async function authenticateApiRequest(db: Db, req: ApiRequest, options: ApiKeyOptions = {}): Promise<Actor> {
  const authorization = req.headers.get("authorization");
  if (!authorization && req.method === "GET") {
    const agent = await agentFromCookieHeader(req.headers.get("cookie"), db, authSecret());
    if (agent) {
      await enforceRateLimit(RATE_LIMITS.agentReads, agent.agentId);
      return agent;
    }
  }
  const key = bearerKeyOf(authorization);
  if (!key) throw new Unauthenticated("Pass an API key as 'Authorization: Bearer <key>'.");
  const service = await authenticateApiKey(db, key, { address: clientAddress(req.headers) });
  if (!service) throw new Unauthenticated("The API key is unknown or revoked.");
  if (options.perKeyLimit !== false) await enforceRateLimit(RATE_LIMITS.apiPerKey, service.apiKeyId);
  recordKeyUsage(db, service.apiKeyId);
  const agentId = req.headers.get("x-agent-id")?.trim();
  if (!agentId) return service;
  if (agentId.length > 64)
    throw new InvalidInput("X-Agent-Id is not an agent id.", {
      fields: [{ field: "X-Agent-Id", message: "too long" }],
    });
  const agent = await loadAgentActor(db, agentId, service.tenantId);
  if (!agent) throw new NotFound("agent named by X-Agent-Id");
  return agent;
}

export interface ApiKeyOptions {
  /**
   * false: the route limits by something finer than the key (POST /api/v1/messages limits each sender,
   * lib/admission/sender-flood.ts), so that one sender's flood cannot push the whole key into 429.
   */
  perKeyLimit?: boolean;
}

/** Wraps a route handler with API-key auth and error handling. */
export function withApiKey<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  options: ApiKeyOptions = {},
): (req: ApiRequest, route: RouteContext<P>) => Promise<Response> {
  return async (req, route) => {
    try {
      const db = await getDb();
      const actor = await authenticateApiRequest(db, req, options);
      const params = (await route?.params) ?? ({} as P);
      checkUrlParams(req, params);
      return await handler({ db, actor, params, req });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
