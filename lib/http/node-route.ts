// Serves a route handler straight from server.ts's node:http server, without Next's router, for the few
// paths where Next's per-request work dominates what the request itself costs (README, "Paths that
// bypass Next"). It runs the very handler Next would run — the route file's export, defineRoute's
// wrapper with its API-key auth, error shapes and status codes — on the request as the API's shell reads
// it (ApiRequest: method, URL, headers and the body, read here), so the tests that call the route's handler
// (tests/helpers/api.ts) test this path too; only the translation from node:http lives here. No Fetch API
// Request is built: its construction (undici's Request, an AbortSignal, NextRequest's URL analysis) cost
// more than the rest of this translation.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PayloadTooLarge } from "@/lib/errors";
import { errorResponse, jsonBodyOf, type ApiRequest } from "./api";
import { bodyLimitFor, withBodyRead } from "./body-limits";

/** A route file's export for one method: what Next calls with the request and the route's params. */
export type NodeServedHandler = (
  req: ApiRequest,
  route: { params: Promise<Record<string, never>> },
) => Promise<Response>;

/** "POST /api/v1/messages" → its handler: the exact method and path (no params, no trailing slash). */
export type NodeServedRoutes = ReadonlyMap<string, NodeServedHandler>;

/** The handler serving `req` from node:http, or undefined when Next serves it. */
export function nodeServedHandler(routes: NodeServedRoutes, req: IncomingMessage): NodeServedHandler | undefined {
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  return routes.get(`${req.method} ${queryAt === -1 ? url : url.slice(0, queryAt)}`);
}

/**
 * Answers `req` with `handler`. The body is read here, at most the path's cap (lib/http/body-limits.ts):
 * a chunked body past it is answered 413 in the API's error shape, as readJson would answer it (a declared
 * Content-Length over the cap never gets here: guardRequest answers it).
 */
export async function serveFromNode(
  handler: NodeServedHandler,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
): Promise<void> {
  let response: Response;
  try {
    const body = await readNodeBody(req, bodyLimitFor((req.url ?? "/").split("?", 1)[0]!));
    const url = new URL(req.url ?? "/", origin);
    const request: ApiRequest = {
      method: req.method ?? "GET",
      url: url.href,
      headers: headersOf(req),
      nextUrl: url,
      body: null,
    };
    // The body travels beside the request (readBodyText answers it), not as a stream built and read again.
    response = await handler(withBodyRead(request, body.toString("utf8")), { params: Promise.resolve({}) });
  } catch (error) {
    // A client that hung up before its body was in (a dropped upload, a request cut at its time limit) gets
    // no answer, and costs no log line: there is no one to answer, and a script must not fill the log.
    if (req.destroyed || req.errored) {
      res.destroy();
      return;
    }
    // The handler maps its own errors (defineRoute); what is left is the body cap, or a bug here.
    response = errorResponse(error);
    if (error instanceof PayloadTooLarge) res.setHeader("Connection", "close");
  }
  await writeResponse(res, response);
}

/** req.headers, not rawHeaders: server.ts stamps the client's address there (lib/http/client-address.ts). */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** The whole body, or PayloadTooLarge at the first byte past `limit` (the rest is not read). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        reject(new PayloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const text = jsonBodyOf(response);
  const body = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text, "utf8");
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.setHeader("content-length", body.length);
  res.end(body);
}
