// What server.ts does to every request before Next sees it (Socket.io answers /socket.io/ itself):
// refuse what Next would answer with a 500 or read whole, and set the security headers.
// - a path with malformed percent-encoding (%zz), or a NUL (%00) in the path or query: 400
// - a declared Content-Length over the path's cap (lib/http/body-limits.ts): 413, before a byte is
//   read; sign-in (/api/auth) needs a Content-Length at all (411), as browsers always send one —
//   route handlers read chunked bodies through readJson, which stops at the cap, and server actions
//   through Next, which does the same; and a form (415 otherwise)
// - a POST (or other write) to a page from another origin — a server action Next would refuse with a
//   500: 403
// - a write to a page (a server action) with a body over BODY_LIMITS.signedOutAction, or chunked, from a
//   client whose cookie carries no signed-in agent's session (signature and expiry; no database): 413 / 411
//   before Next reads it — Next decodes an action's body before the action checks the session
// - bodies on their way in from one client address past UPLOADS_IN_FLIGHT_PER_ADDRESS (16 MB; declared, or the
//   path's cap when chunked): 429, before a byte is read (lib/http/upload-budget.ts)
// - the widget page (/widget), past its per-address limit (lib/widget/widget-limits.ts WIDGET_PAGE_LIMIT): 429 with
//   Retry-After (after the limit's pause), before the tenant is looked up or Next renders anything
// - a page rendered (read, or a server action posted to it) for a client without a signed-in agent's session (no
//   cookie, or one that does not verify), past its per-address limit (lib/http/guard-limits.ts SIGNED_OUT_PAGE_LIMIT):
//   429 with Retry-After, after the pause
// - a page rendered for a signed-in agent, past the agent's own limit (AGENT_PAGE_LIMIT; Next's prefetches:
//   AGENT_PREFETCH_LIMIT), wherever they are: the same
// - a request to a route handler under /api/ (not the widget's) from a client with neither such a session nor an API
//   key this instance holds good, past its per-address limit (SIGNED_OUT_API_LIMIT): the same
// - every response: the headers of lib/http/security-headers.ts, a fresh CSP nonce handed to Next
//   through the request's CSP header; the widget page may be framed by its tenant's allowed origins.
// Errors are JSON in the API's shape { error: { code, message, details } } whatever the path — but for a browser's
// load of a whole page past a limit, which gets a page that says why and loads itself again (./refusal-page.ts).
import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { PayloadTooLarge } from "@/lib/errors";
import { BODY_LIMITS, bodyLimitFor, declaredLengthExceeds } from "./body-limits";
import { isSameOriginAction } from "./origin";
import { mediaTypeOf } from "./media-type";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import type { UploadBudget } from "./upload-budget";
import type { GuardTurn } from "./guard-limits";
import { newNonce, securityHeaders } from "./security-headers";
import { refusalPageHtml, wantsDocument } from "./refusal-page";

export interface RequestGuardOptions {
  dev: boolean;
  /** NEXTAUTH_URL, if configured: https there means HTTPS even behind a proxy that says nothing. */
  publicUrl?: string;
  /** The origins allowed to frame a tenant's widget; null = any. Asked on every load of the page: from memory. */
  widgetFrameAncestors(tenantId: string): Promise<string[] | null>;
  /**
   * Takes a turn of the widget page's per-address limit for this client address (lib/widget/widget-page-limit.ts); a
   * refusal comes after a pause (a tarpit).
   */
  widgetPageTurn(address: string): Promise<GuardTurn>;
  /** Takes a turn of the per-address limit on pages rendered without a session (lib/http/guard-limits.ts). */
  signedOutPageTurn(address: string): Promise<GuardTurn>;
  /** Takes a turn of the signed-in agent's limit on page renders (the same file). */
  agentPageTurn(agentId: string, prefetch: boolean): Promise<GuardTurn>;
  /** Takes a turn of the per-address limit on API requests without a session or a good key (the same file). */
  signedOutApiTurn(address: string): Promise<GuardTurn>;
  /** Whether the Authorization header carries a key this instance holds good, from memory (lib/auth/api-keys.ts). */
  carriesGoodApiKey(authorization: string | undefined): boolean;
  /** The agent whose valid session token the cookie header carries, or null (lib/auth/session-cookie.ts). */
  sessionAgentOf(cookieHeader: string | undefined): Promise<string | null>;
  /** Bodies on their way in, per client address (lib/http/upload-budget.ts). */
  uploads: UploadBudget;
}

const NUL = "\u0000";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function reply(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  const body = JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } });
  // The body was not read: close rather than leave it in the connection for the next request.
  if (status === 413 || status === 411) res.setHeader("Connection", "close");
  send(res, status, "application/json; charset=utf-8", body);
}

/** A page for a browser's load of a document (./refusal-page.ts); everyone else gets reply()'s JSON. */
function replyPage(res: ServerResponse, status: number, html: string): void {
  send(res, status, "text/html; charset=utf-8", html);
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

function isHttps(req: IncomingMessage, publicUrl?: string): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (publicUrl?.startsWith("https:")) return true;
  const proto = req.headers["x-forwarded-proto"];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim() === "https";
}

/** The refusal for a URL Next cannot decode or we cannot pass to the database, or null when it is fine. */
export function urlProblem(url: string): { message: string; field: string } | null {
  const queryAt = url.indexOf("?");
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { field: "path", message: "The path has malformed percent-encoding (e.g. %zz or a broken UTF-8 sequence)." };
  }
  if (path.includes(NUL)) return { field: "path", message: "The path must not contain NUL characters (%00)." };
  if (queryAt !== -1) {
    for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1))) {
      if (name.includes(NUL) || value.includes(NUL)) {
        return {
          field: name.replaceAll(NUL, "\\u0000"),
          message: `The query parameter ${JSON.stringify(name)} must not contain NUL characters (%00).`,
        };
      }
    }
  }
  return null;
}

/**
 * Checks the request and sets the response's security headers. Returns false when it has answered
 * the request itself (the caller must not hand it to Next).
 */
export async function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: RequestGuardOptions,
): Promise<boolean> {
  const url = req.url ?? "/";
  const pathname = url.split("?", 1)[0]!;
  const https = isHttps(req, options.publicUrl);
  const nonce = newNonce();
  const problem = urlProblem(url);
  // The path as Next routes it ("/api/%61uth/…" is sign-in too, "/%77idget" the widget page); when it does not
  // decode, urlProblem's answer below is all there is.
  const routed = problem ? pathname : decodeURIComponent(pathname);
  const address = req.headers[CLIENT_ADDRESS_HEADER];
  const from = typeof address === "string" ? address : "unknown";
  let frameAncestors: string[] | null = [];
  let refusal: { seconds: number; title: string; message: string } | null = null;
  const method = req.method ?? "GET";
  if (!problem && (routed === "/widget" || routed === "/widget/")) {
    const turn = await options.widgetPageTurn(from);
    if (!turn.taken) {
      refusal = {
        seconds: turn.retryAfterSeconds,
        title: "The chat is taking a breather",
        message: "The chat was loaded too often from your address.",
      };
      // The refusal has no script (a line of JSON, or a page for a browser): any site may show it, so the visitor in
      // the host's iframe reads why.
      frameAncestors = null;
    } else {
      const tenant = new URLSearchParams(url.slice(pathname.length + 1)).get("tenant") ?? "";
      const allowed = await options.widgetFrameAncestors(tenant).catch(() => [] as string[]);
      frameAncestors = allowed === null ? null : ["'self'", ...allowed];
    }
  } else if (!problem && isPageRequest(routed)) {
    const agentId = await sessionAgent(req, options);
    if (agentId !== null) {
      const turn = await options.agentPageTurn(agentId, req.headers["next-router-prefetch"] !== undefined);
      if (!turn.taken)
        refusal = {
          seconds: turn.retryAfterSeconds,
          title: "Slow down a moment",
          message: "You loaded pages faster than anyone can read them.",
        };
    } else {
      const turn = await options.signedOutPageTurn(from);
      if (!turn.taken)
        refusal = {
          seconds: turn.retryAfterSeconds,
          title: "Slow down a moment",
          message: "Too many pages were loaded from your address.",
        };
    }
  } else if (!problem && isStrangersApiRequest(routed) && !(await credentialed(req, options))) {
    const turn = await options.signedOutApiTurn(from);
    if (!turn.taken)
      refusal = {
        seconds: turn.retryAfterSeconds,
        title: "Too many requests",
        message: "Too many requests without a session or a valid API key came from your address.",
      };
  }
  const headers = securityHeaders({ nonce, dev: options.dev, https, frameAncestors });
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // Next takes the nonce for its scripts from the request's CSP header (never one the client sent).
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];

  if (problem) {
    reply(res, 400, "invalid_input", problem.message, { fields: [{ field: problem.field, message: problem.message }] });
    return false;
  }
  if (refusal) {
    res.setHeader("Retry-After", String(refusal.seconds));
    // The API answers JSON whoever asks (its contract); a page or the chat, a page when a browser loads it.
    if (!isStrangersApiRequest(routed) && wantsDocument(req))
      replyPage(res, 429, refusalPageHtml({ ...refusal, retryAfterSeconds: refusal.seconds, nonce }));
    else reply(res, 429, "rate_limited", `${refusal.message} Try again in a moment.`);
    return false;
  }

  const limit = bodyLimitFor(routed);
  if (declaredLengthExceeds(req.headers["content-length"], limit)) {
    const tooLarge = new PayloadTooLarge(limit);
    reply(res, tooLarge.status, tooLarge.code, tooLarge.message, tooLarge.details);
    return false;
  }
  if (
    routed.startsWith("/api/auth/") &&
    !SAFE_METHODS.has(method) &&
    req.headers["content-length"] === undefined &&
    req.headers["transfer-encoding"] !== undefined
  ) {
    reply(res, 411, "length_required", "Send the sign-in request with a Content-Length.");
    return false;
  }
  if (routed.startsWith("/api/auth/") && !SAFE_METHODS.has(method) && !isForm(req.headers["content-type"])) {
    reply(res, 415, "unsupported_media_type", "Sign-in takes a form (application/x-www-form-urlencoded).");
    return false;
  }

  if (isPageWrite(method, routed) && !isSameOriginAction(req.headers)) {
    reply(
      res,
      403,
      "forbidden_origin",
      "This request comes from another site: server actions answer only the app's own pages.",
    );
    return false;
  }
  const uploading = declaredOrCapped(req, limit);
  if (uploading > 0) {
    const release = options.uploads.reserve(from, uploading);
    if (!release) {
      res.setHeader("Retry-After", "1");
      res.setHeader("Connection", "close");
      reply(res, 429, "rate_limited", "Too many requests with bodies from your address at once: wait for one to end.");
      return false;
    }
    res.once("close", release);
  }
  if (isPageWrite(method, routed) && !(await actionBodyAllowed(req, options))) {
    const declared = req.headers["content-length"] !== undefined;
    if (!declared) reply(res, 411, "length_required", "Send the request with a Content-Length.");
    else {
      const tooLarge = new PayloadTooLarge(BODY_LIMITS.signedOutAction);
      reply(
        res,
        413,
        tooLarge.code,
        `${tooLarge.message} Sign in: a page takes no more without a session.`,
        tooLarge.details,
      );
    }
    return false;
  }
  return true;
}

/** What a request's body may bring: its declared length, or the path's cap when it is chunked; 0 without one. */
function declaredOrCapped(req: IncomingMessage, limit: number): number {
  const length = req.headers["content-length"];
  if (length !== undefined) {
    const bytes = Number(length);
    return Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  }
  return req.headers["transfer-encoding"] !== undefined ? limit : 0;
}

/**
 * next-auth parses a JSON body (JSON.parse, before any sign-in limit: 64 KB of "[" cost ~36 ms) as readily as
 * a form; its own pages and client only ever post forms.
 */
const isForm = (contentType: string | undefined) => mediaTypeOf(contentType) === "application/x-www-form-urlencoded";

/** The files of public/ (the widget's script, the icon): Next serves them as they are, no render. */
const PUBLIC_FILES = new Set(
  (() => {
    try {
      return readdirSync(path.join(process.cwd(), "public")).map((name) => `/${name}`);
    } catch {
      return [];
    }
  })(),
);

/**
 * A request Next answers by rendering a page (or its not-found page, or a redirect from one) — a read, an RSC
 * navigation or prefetch, or a server action, which re-renders the page it was posted to: not the API, Next's own
 * assets, Socket.io, the widget page (a limit of its own) or a file of public/.
 */
const isPageRequest = (routed: string) =>
  !/^\/(?:api|_next|socket\.io|widget)(?:\/|$)/.test(routed) && !PUBLIC_FILES.has(routed);

/** The agent whose session the request's cookie carries (signature and expiry; no database), or null. */
const sessionAgent = async (req: IncomingMessage, options: RequestGuardOptions) =>
  req.headers.cookie === undefined ? null : await options.sessionAgentOf(req.headers.cookie).catch(() => null);

/** A request Next answers with a route handler under /api/ — not the widget's, which have limits of their own. */
const isStrangersApiRequest = (routed: string) =>
  /^\/api(?:\/|$)/.test(routed) && !/^\/api\/widget(?:\/|$)/.test(routed);

/** A key this instance holds good (from memory), or a signed-in agent's session. */
const credentialed = async (req: IncomingMessage, options: RequestGuardOptions) =>
  options.carriesGoodApiKey(req.headers.authorization) || (await sessionAgent(req, options)) !== null;

const isPageWrite = (method: string, routed: string) =>
  !SAFE_METHODS.has(method) && !routed.startsWith("/api/") && !routed.startsWith("/_next/");

/** A small declared body goes in as is; a larger or chunked one needs a signed-in agent's session. */
async function actionBodyAllowed(req: IncomingMessage, options: RequestGuardOptions): Promise<boolean> {
  const length = req.headers["content-length"];
  if (length !== undefined && !declaredLengthExceeds(length, BODY_LIMITS.signedOutAction)) return true;
  return (await options.sessionAgentOf(req.headers.cookie).catch(() => null)) !== null;
}
