// Request body caps, by path. Checked twice: server.ts refuses a declared Content-Length over the cap
// before Next reads a byte (every route, including ones that never call readJson), and readBodyText
// counts the bytes of bodies sent without one (chunked) and stops reading at the cap. Server actions
// have Next's own cap (next.config.ts serverActions.bodySizeLimit, the same 1 MB).
import { PayloadTooLarge } from "@/lib/errors";
import type { ApiRequest } from "./api-request";

const KB = 1024;
const MB = 1024 * KB;

export const BODY_LIMITS = {
  /** The public REST API (/api/v1). The largest legitimate body is a 20,000-character message or a campaign. */
  api: 1 * MB,
  /** The unauthenticated widget endpoints (/api/widget): a visitor's 5,000-character message. */
  widget: 64 * KB,
  /** Sign-in (/api/auth): an email and a password. */
  auth: 64 * KB,
  /** Everything else (pages, server actions). */
  other: 1 * MB,
  /**
   * A write to a page (a server action) from a client without a signed-in agent's session: Next reads and
   * decodes the body before the action can say "sign in", and decoding 1 MB of nested JSON kept the main
   * thread busy ~0.8 s. What a signed-out page could send (an expired session's small action) still goes in.
   */
  signedOutAction: 16 * KB,
} as const;

/** The cap for a path as Next routes it: decoded, so "/api/%77idget/session" is the widget's (64 KB), not the API's. */
export function bodyLimitFor(rawPathname: string): number {
  let pathname = rawPathname;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    // Malformed encoding: server.ts answers 400 before any body is read (lib/http/request-guard.ts).
  }
  if (pathname.startsWith("/api/widget/")) return BODY_LIMITS.widget;
  if (pathname.startsWith("/api/auth/")) return BODY_LIMITS.auth;
  if (pathname.startsWith("/api/")) return BODY_LIMITS.api;
  return BODY_LIMITS.other;
}

/** Whether a declared Content-Length is over `limit` (a malformed one is left to the HTTP parser). */
export function declaredLengthExceeds(contentLength: string | null | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limit;
}

/**
 * The body as text, at most `limit` bytes: a declared Content-Length over it is refused before reading,
 * and a body without one stops being read at the first byte past it (413 either way).
 */
export async function readBodyText(req: ApiRequest, limit = bodyLimitFor(req.nextUrl.pathname)): Promise<string> {
  const alreadyRead = readBodies.get(req);
  if (alreadyRead !== undefined) return alreadyRead;
  if (declaredLengthExceeds(req.headers.get("content-length"), limit)) throw new PayloadTooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Bodies server.ts has read itself, within the path's cap (the node-served routes, lib/http/node-route.ts):
// their requests carry no stream to build and read again. Shared through globalThis, as server.ts and the
// route bundle may each load this module.
const shared = globalThis as typeof globalThis & { __bouncerReadBodies?: WeakMap<ApiRequest, string> };
shared.__bouncerReadBodies ??= new WeakMap<ApiRequest, string>();
const readBodies = shared.__bouncerReadBodies;

/** Hands `req` its body, already read within the path's cap: readBodyText answers it as is. */
export function withBodyRead<R extends ApiRequest>(req: R, text: string): R {
  readBodies.set(req, text);
  return req;
}
