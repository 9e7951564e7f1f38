import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveFromNode, type NodeServedHandler } from "./node-route";

let server: Server | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("serving a route from node:http", () => {
  it("answers no one and logs nothing when the client hangs up before its body is in", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = vi.fn<NodeServedHandler>(async () => new Response("{}", { status: 202 }));
    const served: Promise<void>[] = [];
    server = createServer((req, res) => {
      served.push(serveFromNode(handler, req, res, "http://127.0.0.1"));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    socket.write(`POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n${"a".repeat(500)}`);
    await vi.waitFor(() => expect(served).toHaveLength(1));
    socket.destroy();
    await served[0];
    expect(handler).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
  });
});
