// The widget endpoints' shell (app/api/widget/…): the visitor's session comes from the X-Widget-Session
// header on every call — a header a cross-site form cannot send, so the SameSite=None cookie can never
// be used to post as the visitor. The cookie only lets /api/widget/session resume the same visitor.
import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { getDb, type Db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse, type ApiRequest } from "@/lib/http/api";
import { enforceRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limiter";
import { addressLimitSubject, clientAddress } from "@/lib/http/client-address";
import { mediaTypeOf } from "@/lib/http/media-type";
import { verifyWidgetSession, WIDGET_SESSION_MAX_AGE_S, type WidgetSession } from "./widget-token";
import { WIDGET_LIMITS } from "./widget-limits";

export const WIDGET_SESSION_HEADER = "x-widget-session";

export async function limitVisitor(rule: RateLimitRule, session: WidgetSession): Promise<void> {
  await enforceRateLimit(rule, `${session.tenantId}:${session.visitorId}`);
}

export class NoWidgetSession extends AppError {
  constructor() {
    super(
      401,
      "unauthenticated",
      "Start a widget session first (POST /api/widget/session) and send its token as X-Widget-Session.",
    );
  }
}

/** One cookie per tenant, so widgets of two tenants on one browser keep separate visitors. */
export function widgetCookieName(tenantId: string): string {
  return `bouncer_widget_${tenantId.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

function isHttps(req: NextRequest): boolean {
  return req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * The widget runs in an iframe on the host's site, where its cookie is third-party: over https it is
 * SameSite=None; Secure; Partitioned (CHIPS — kept per host site, accepted where unpartitioned
 * third-party cookies are blocked). Plain http (local development) cannot use SameSite=None, so Lax.
 */
export function setWidgetCookie(response: NextResponse, req: NextRequest, session: WidgetSession, token: string): void {
  const secure = isHttps(req);
  response.cookies.set({
    name: widgetCookieName(session.tenantId),
    value: token,
    httpOnly: true,
    path: "/api/widget",
    maxAge: WIDGET_SESSION_MAX_AGE_S,
    sameSite: secure ? "none" : "lax",
    secure,
    partitioned: secure,
  });
}

export function readWidgetCookie(req: NextRequest, tenantId: string): string | null {
  return req.cookies.get(widgetCookieName(tenantId))?.value ?? null;
}

export function widgetSessionOf(req: ApiRequest): WidgetSession {
  const session = verifyWidgetSession(req.headers.get(WIDGET_SESSION_HEADER), authSecret());
  if (!session) throw new NoWidgetSession();
  return session;
}

/**
 * A widget endpoint's handler with the shell's checks. `R`: what it reads of the request — the whole
 * NextRequest (cookies), or ApiRequest for a handler server.ts may serve itself (lib/http/node-route.ts).
 */
/**
 * A widget write must say it is JSON, which a page on another site can only send after a CORS preflight this
 * server never answers: otherwise any site could make its own visitors' browsers start widget sessions (a
 * plain-text POST needs no preflight) — each from its visitor's address, so per-address limits would not
 * hold them — until the tenant's new-visitor limit closed the chat to everyone. The widget always sends it.
 */
class NotJson extends AppError {
  constructor() {
    super(415, "unsupported_media_type", "Send the widget's requests as JSON (Content-Type: application/json).");
  }
}

const isJson = (contentType: string | null) => mediaTypeOf(contentType) === "application/json";

export function withWidget<R extends ApiRequest = NextRequest>(
  handler: (ctx: { db: Db; req: R }) => Promise<Response>,
): (req: R) => Promise<Response> {
  return async (req) => {
    try {
      await enforceRateLimit(WIDGET_LIMITS.perAddress, addressLimitSubject(clientAddress(req.headers)));
      if (req.method !== "GET" && !isJson(req.headers.get("content-type"))) throw new NotJson();
      const response = await handler({ db: await getDb(), req });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
