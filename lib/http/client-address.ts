// The client's address, for rate limits and logs. By default it is the TCP peer's address: forwarding
// headers (X-Forwarded-For, Forwarded) are written by whoever sends the request, so they are read only
// from the proxies the operator names in TRUSTED_PROXIES (addresses, CIDRs or a hop count, as Express's
// `trust proxy`), walking the chain from the server outwards and stopping at the first untrusted hop.
//
// Next's route handlers never see the socket, so server.ts resolves the address once per request and
// passes it on in CLIENT_ADDRESS_HEADER, overwriting whatever the client sent under that name. Route
// handlers, server actions and next-auth read it with clientAddress(); Socket.io handshakes resolve it
// from their own request with the same function.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import parseForwarded from "forwarded-parse";
import ipaddr from "ipaddr.js";

export const CLIENT_ADDRESS_HEADER = "x-bouncer-client-address";

/** Which hops may tell us who they forward for (lib/env.ts parses TRUSTED_PROXIES into this). */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: string[] };

/** The forwarding header the trusted proxies write; the other one is ignored (a client could write it). */
export type ForwardingHeader = "x-forwarded-for" | "forwarded";

export type ClientAddressResolver = (req: IncomingMessage) => string;

/** Parses TRUSTED_PROXIES: empty or "0" = none; a whole number = hop count; else a list (throws if invalid). */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text.toLowerCase() === "false") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  if (text.toLowerCase() === "true") {
    throw new Error(
      "\"true\" would trust any client's forwarding header: give the proxies' addresses or CIDRs, or a hop count",
    );
  }
  const list = text.split(/[\s,]+/).filter(Boolean);
  // proxy-addr validates the list (addresses, CIDRs, netmasks, and the names loopback, linklocal, uniquelocal).
  proxyAddr.compile(list);
  return { kind: "list", list };
}

function trustFunction(spec: TrustedProxies): (address: string, hop: number) => boolean {
  switch (spec.kind) {
    case "none":
      return () => false;
    case "hops":
      return (_address, hop) => hop < spec.hops;
    case "list":
      return proxyAddr.compile(spec.list);
  }
}

/** An address as written by a proxy, without brackets or port; IPv4-mapped IPv6 as IPv4. */
export function normalizeAddress(raw: string | undefined | null): string {
  let value = (raw ?? "").trim();
  if (value.startsWith("[")) value = value.slice(1, value.indexOf("]") > 0 ? value.indexOf("]") : undefined);
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (ipaddr.isValid(value)) return ipaddr.process(value).toString();
  return value.slice(0, 100) || "unknown";
}

/**
 * What a per-address limit counts: the address, or for IPv6 its /64 — one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would let a script rotate through billions of them.
 */
export function addressLimitSubject(address: string): string {
  if (!ipaddr.IPv6.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
}

/**
 * What a per-network limit counts, beside the per-address one: an IPv6 address's /48, or null for IPv4 (whose
 * neighbours are other people). Home connections are often given a /56 and servers and tunnels a /48 — 256 or
 * 65,536 subjects of addressLimitSubject for one person; a looser limit per /48 holds them.
 */
export function networkLimitSubject(address: string): string | null {
  if (!ipaddr.IPv6.isValid(address)) return null;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 3);
  return `${parts.map((part) => part.toString(16)).join(":")}::/48`;
}

/** The `for=` hops of a Forwarded header, nearest last, as X-Forwarded-For lists them. */
function forwardedFor(header: string): string[] {
  try {
    return parseForwarded(header).map((element) => element.for ?? "unknown");
  } catch {
    // One malformed element (perhaps the client's own, which the proxy appended to) must not hide the
    // hops the trusted proxies added after it: parse element by element, an unreadable one is untrusted.
    return header.split(",").map((element) => {
      try {
        return parseForwarded(element.trim())[0]?.for ?? "unknown";
      } catch {
        return "unreadable";
      }
    });
  }
}

export function clientAddressResolver(
  spec: TrustedProxies,
  header: ForwardingHeader = "x-forwarded-for",
): ClientAddressResolver {
  const trust = trustFunction(spec);
  let warned = false;
  return (req) => {
    const socket = { remoteAddress: req.socket?.remoteAddress };
    if (spec.kind === "none" && !warned && req.headers[header]) {
      // Either a client writing the header itself, or a proxy the operator has not named: then every
      // client shares the proxy's address, and so its per-address limits. Say so once.
      warned = true;
      console.warn(
        `[client-address] a request from ${normalizeAddress(socket.remoteAddress)} carries ${header}, ` +
          "but TRUSTED_PROXIES is not set: " +
          "limits count the connection's address. Behind a proxy or load balancer, set TRUSTED_PROXIES (README: " +
          "Client addresses and trusted proxies).",
      );
    }
    let chain: string | undefined;
    if (spec.kind !== "none") {
      const raw = req.headers[header];
      const value = Array.isArray(raw) ? raw.join(", ") : raw;
      chain = header === "forwarded" && value ? forwardedFor(value).map(normalizeAddress).join(", ") : value;
    }
    // proxy-addr reads only X-Forwarded-For and the socket: hand it exactly the chain we decided to read.
    const view = {
      headers: chain ? { "x-forwarded-for": chain } : {},
      socket,
      connection: socket,
    } as unknown as IncomingMessage;
    return normalizeAddress(proxyAddr(view, trust));
  };
}

/** server.ts: records the resolved address on the request, replacing any value the client sent. */
export function stampClientAddress(req: IncomingMessage, resolve: ClientAddressResolver): void {
  req.headers[CLIENT_ADDRESS_HEADER] = resolve(req);
  if (req.rawHeaders.some((name, i) => i % 2 === 0 && name.toLowerCase() === CLIENT_ADDRESS_HEADER)) {
    const kept: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i]!.toLowerCase() !== CLIENT_ADDRESS_HEADER)
        kept.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
    req.rawHeaders.length = 0;
    req.rawHeaders.push(...kept);
  }
}

/**
 * The address server.ts resolved for this request ("unknown" outside server.ts, e.g. in tests that call handlers
 * directly).
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim() || "unknown";
}
