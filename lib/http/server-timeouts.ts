// How long the HTTP server waits for a client, decided once (server.ts creates its server with these).
// A request must arrive whole within REQUEST_MS of its first byte: without it, Node 20 waited 300 s for a
// body (checking every 30 s), so a script could send 1 MB of a body, hold back its last byte, and keep the
// megabyte in memory five minutes a connection; now what a client can make the server hold is what it
// sends in half a minute. Its headers must arrive within HEADERS_MS. An idle keep-alive connection stays
// KEEP_ALIVE_MS, longer than the proxies in front of us keep theirs (load balancers commonly idle out at
// 60 s): with Node's default of 5 s, a client or proxy reusing a connection just as the server drops it
// gets ECONNRESET (or a 502 from the proxy). Node 20 times headers and requests from the request's first
// byte, not from the connection's last request, so a keep-alive connection idle longer than HEADERS_MS
// is not cut (tested).
import type { ServerOptions } from "node:http";

export const HTTP_TIMEOUTS = {
  /** Whole request (headers and body), from its first byte. Also the 408's bound on a slow upload. */
  requestMs: 30_000,
  /** Headers, from the request's first byte. */
  headersMs: 15_000,
  /** An idle keep-alive connection. */
  keepAliveMs: 65_000,
  /** How often Node looks for requests past their time (its default is 30 s, which doubles a 30 s limit). */
  checkEveryMs: 2_000,
} as const;

/** node:http's options for these timeouts (`timeouts` other than ours: tests, at a scale they can wait for). */
export function httpServerOptions(timeouts: Record<keyof typeof HTTP_TIMEOUTS, number> = HTTP_TIMEOUTS): ServerOptions {
  return {
    requestTimeout: timeouts.requestMs,
    headersTimeout: timeouts.headersMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  };
}
