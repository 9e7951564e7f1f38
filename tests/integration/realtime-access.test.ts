// Who may keep a socket, and what it keeps hearing: client addresses on handshakes, and access that is
// taken away while a socket is open.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { testDatabase } from "../helpers/test-database";
import { connectAgent, startRealtime } from "../helpers/realtime";
import { createTeam } from "../factories";
import { clientAddressResolver, parseTrustedProxies } from "@/lib/http/client-address";
import { FAILED_HANDSHAKES_PER_ADDRESS } from "@/lib/realtime/io-server";

/** Tries a handshake with a made-up cookie; answers the server's refusal. */
function failedHandshake(url: string, headers: Record<string, string>): Promise<string> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: "next-auth.session-token=forged", ...headers }, reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(error.message);
    });
    socket.once("connect", () => {
      socket.close();
      resolve("connected");
    });
  });
}

describe("socket handshakes and client addresses", () => {
  it("takes the socket's address, not the X-Forwarded-For a client sends, unless the peer is a trusted proxy", async () => {
    const direct = await startRealtime(testDatabase());
    const behindProxy = await startRealtime(testDatabase(), { resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")) });
    try {
      const { agent } = await createTeam(testDatabase().prisma);
      const headers = { "x-forwarded-for": "198.51.100.23" };
      const a = await connectAgent(direct.url, agent.actor, undefined, headers);
      const b = await connectAgent(behindProxy.url, agent.actor, undefined, headers);
      expect((await direct.io.fetchSockets()).map((s) => s.data.clientAddress)).toEqual(["127.0.0.1"]);
      expect((await behindProxy.io.fetchSockets()).map((s) => s.data.clientAddress)).toEqual(["198.51.100.23"]);
      a.disconnect();
      b.disconnect();
    } finally {
      await direct.close();
      await behindProxy.close();
    }
  });

  it("refuses an address after too many refused handshakes, other addresses still connect", async () => {
    // Behind a (loopback) proxy, so the test can speak for many client addresses.
    const server = await startRealtime(testDatabase(), { resolveClientAddress: clientAddressResolver(parseTrustedProxies("loopback")) });
    try {
      const { agent } = await createTeam(testDatabase().prisma);
      const guesser = { "x-forwarded-for": `2001:db8:${randomBytes(2).toString("hex")}:1::7` };
      for (let i = 0; i < FAILED_HANDSHAKES_PER_ADDRESS.limit; i++) expect(await failedHandshake(server.url, guesser)).toBe("unauthenticated");
      expect(await failedHandshake(server.url, guesser)).toBe("rate_limited");
      await expect(connectAgent(server.url, agent.actor, undefined, guesser)).rejects.toThrow("rate_limited");
      const colleague = await connectAgent(server.url, agent.actor, undefined, { "x-forwarded-for": `2001:db8:${randomBytes(2).toString("hex")}:2::7` });
      colleague.disconnect();
    } finally {
      await server.close();
    }
  });
});
