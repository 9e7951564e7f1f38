import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HTTP_TIMEOUTS, httpServerOptions } from "./server-timeouts";

// The same options at a scale a test can wait for: a request must arrive within 600 ms, its headers within 300.
const SCALED = { requestMs: 600, headersMs: 300, keepAliveMs: 3_000, checkEveryMs: 50 };

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(): Promise<number> {
  server = createServer(httpServerOptions(SCALED), (req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A raw connection, what it has received so far, and a promise of its close. */
function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, received: () => text, closed };
}

const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d+/g) ?? [];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the HTTP server's timeouts", () => {
  it("keeps its limits in order: headers within the request's time, idle connections past a proxy's 60 s", () => {
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(HTTP_TIMEOUTS.requestMs);
    expect(HTTP_TIMEOUTS.keepAliveMs).toBeGreaterThan(60_000);
    expect(HTTP_TIMEOUTS.checkEveryMs).toBeLessThan(HTTP_TIMEOUTS.requestMs / 10);
  });

  it("answers a body held back 408 and closes the connection", async () => {
    const client = rawClient(await listen());
    client.socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "a".repeat(999));
    await client.closed;
    expect(statusLines(client.received())).toEqual(["HTTP/1.1 408"]);
  });

  it("answers headers that never end 408", async () => {
    const client = rawClient(await listen());
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n");
    const trickle = setInterval(() => client.socket.write("X-Slow: 1\r\n"), 50);
    await client.closed;
    clearInterval(trickle);
    expect(statusLines(client.received())).toEqual(["HTTP/1.1 408"]);
  });

  it("serves a keep-alive connection's next request after it sat idle longer than a request may take", async () => {
    const client = rawClient(await listen());
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await wait(SCALED.requestMs * 2);
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await wait(200);
    expect(statusLines(client.received())).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    client.socket.destroy();
  });
});
