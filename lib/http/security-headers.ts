// The headers every response carries, set by server.ts before Next handles the request (lib/http/request-guard.ts):
// - Content-Security-Policy with a fresh nonce per request. Next reads the nonce from the request's
//   CSP header and puts it on its own scripts
//   (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md);
//   'strict-dynamic' lets those scripts load the app's chunks; nothing else runs. Style attributes stay
//   allowed (style-src-attr): React renders a few, and they cannot run code. Stylesheets a library
//   inserts at run time (sonner's) are allowed by their hash.
// - frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers) everywhere except the widget,
//   which the tenant's allowed origins may frame (any site when the tenant lists none).
// - X-Content-Type-Options: nosniff; Referrer-Policy: same-origin (links in customers' messages
//   learn nothing about the helpdesk; our own requests keep their Origin, which server actions check).
// - Strict-Transport-Security when served over HTTPS (browsers ignore it over plain HTTP anyway).
import { randomBytes } from "node:crypto";
import { injectedStyleHashes } from "./injected-styles";

const NONCE_BYTES = 16;
/** Random bytes for 256 nonces, drawn from the system at once (one call, not one per request). */
let nonceBytes = Buffer.alloc(0);
let nonceOffset = 0;

export function newNonce(): string {
  if (nonceOffset + NONCE_BYTES > nonceBytes.length) {
    nonceBytes = randomBytes(NONCE_BYTES * 256);
    nonceOffset = 0;
  }
  const nonce = nonceBytes.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

export interface PolicyOptions {
  nonce: string;
  /** next dev: React needs eval for its debugging, and the dev overlay injects styles. */
  dev: boolean;
  https: boolean;
  /** Who may frame the response: [] = no one; null = anyone (the widget by default). */
  frameAncestors: string[] | null;
}

export function contentSecurityPolicy({ nonce, dev, https, frameAncestors }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // A nonce makes browsers ignore 'unsafe-inline', so development (whose overlay adds styles) gets no nonce.
    // Libraries' inserted stylesheets (the toasts') are allowed by hash (injected-styles.ts).
    dev
      ? "style-src 'self' 'unsafe-inline'"
      : `style-src 'self' 'nonce-${nonce}' ${injectedStyleHashes().join(" ")}`.trimEnd(),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ...(frameAncestors === null
      ? []
      : [`frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`]),
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(options.frameAncestors !== null && options.frameAncestors.length === 0 ? { "X-Frame-Options": "DENY" } : {}),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000" } : {}),
  };
}
