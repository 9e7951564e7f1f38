import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  addressLimitSubject,
  networkLimitSubject,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  clientAddressResolver,
  normalizeAddress,
  parseTrustedProxies,
  stampClientAddress,
} from "./client-address";

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  const rawHeaders = Object.entries(headers).flat();
  return {
    socket: { remoteAddress },
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    rawHeaders,
  } as unknown as IncomingMessage;
}

describe("client addresses", () => {
  it("uses the socket's address by default, whatever forwarding headers say", () => {
    const resolve = clientAddressResolver(parseTrustedProxies(undefined));
    expect(resolve(request("198.51.100.9", { "X-Forwarded-For": "10.9.9.9", Forwarded: "for=10.8.8.8" }))).toBe(
      "198.51.100.9",
    );
    expect(resolve(request("::ffff:198.51.100.9"))).toBe("198.51.100.9");
  });

  it("reads X-Forwarded-For only from listed proxies, stopping at the first hop it does not trust", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("10.0.0.0/8, 127.0.0.1"));
    // The balancer (10.0.0.5) says it forwards for 203.0.113.4; whatever the client wrote before that is not believed.
    expect(resolve(request("10.0.0.5", { "X-Forwarded-For": "1.1.1.1, 203.0.113.4" }))).toBe("203.0.113.4");
    // Through two trusted hops.
    expect(resolve(request("127.0.0.1", { "X-Forwarded-For": "1.1.1.1, 203.0.113.4, 10.0.0.5" }))).toBe("203.0.113.4");
    // Straight from the internet: the header is the client's own and ignored.
    expect(resolve(request("198.51.100.9", { "X-Forwarded-For": "10.0.0.1" }))).toBe("198.51.100.9");
  });

  it("takes a hop count like Express's trust proxy", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("1"));
    expect(resolve(request("192.0.2.1", { "X-Forwarded-For": "1.1.1.1, 203.0.113.4" }))).toBe("203.0.113.4");
    expect(resolve(request("192.0.2.1"))).toBe("192.0.2.1");
    const two = clientAddressResolver(parseTrustedProxies("2"));
    expect(two(request("192.0.2.1", { "X-Forwarded-For": "1.1.1.1, 203.0.113.4" }))).toBe("1.1.1.1");
  });

  it("reads RFC 7239 Forwarded when the proxies write that instead, and then ignores X-Forwarded-For", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("loopback"), "forwarded");
    expect(
      resolve(
        request("127.0.0.1", {
          Forwarded: 'for=1.1.1.1, for="[2001:db8:cafe::17]:4711";proto=https',
          "X-Forwarded-For": "9.9.9.9",
        }),
      ),
    ).toBe("2001:db8:cafe::17");
    // A client's malformed element does not hide the hop the proxy appended after it.
    expect(resolve(request("127.0.0.1", { Forwarded: 'for="unterminated, for=203.0.113.4' }))).toBe("203.0.113.4");
    expect(resolve(request("127.0.0.1", { "X-Forwarded-For": "9.9.9.9" }))).toBe("127.0.0.1");
  });

  it("overwrites a client's own copy of the internal header, and reads it back", () => {
    const req = request("198.51.100.9", { [CLIENT_ADDRESS_HEADER]: "10.0.0.1" });
    stampClientAddress(req, clientAddressResolver({ kind: "none" }));
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("198.51.100.9");
    expect(req.rawHeaders).toEqual([]);
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("limits IPv6 clients by their /64 and normalizes what proxies write", () => {
    expect(addressLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressLimitSubject("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(addressLimitSubject("203.0.113.4")).toBe("203.0.113.4");
    // And by their /48, more loosely: a home's /56 or a server's /48 is one network.
    expect(networkLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1::/48");
    expect(networkLimitSubject("2001:db8:1:ff00::9")).toBe("2001:db8:1::/48");
    expect(networkLimitSubject("203.0.113.4")).toBeNull();
    expect(normalizeAddress("203.0.113.4:5123")).toBe("203.0.113.4");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
  });

  it("refuses a TRUSTED_PROXIES that would trust everyone or is not an address", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual({ kind: "none" });
    expect(parseEnv({ TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES).toEqual({ kind: "hops", hops: 2 });
    expect(parseEnv({ TRUSTED_PROXIES: "loopback,10.0.0.0/8" }).TRUSTED_PROXIES).toEqual({
      kind: "list",
      list: ["loopback", "10.0.0.0/8"],
    });
    expect(() => parseEnv({ TRUSTED_PROXIES: "true" })).toThrow(/TRUSTED_PROXIES: "true" would trust/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "proxy.example.com" })).toThrow(/TRUSTED_PROXIES: invalid IP address/);
    expect(() => parseEnv({ TRUSTED_PROXY_HEADER: "x-real-ip" })).toThrow(/TRUSTED_PROXY_HEADER/);
  });
});
