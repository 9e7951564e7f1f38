// The ingest paths server.ts answers itself, before Next (app/api/node-served-routes.ts,
// lib/http/node-route.ts). Every test that calls these handlers through callApi already goes through
// node:http and serveFromNode (tests/helpers/api.ts); here what only the node:http path does: which
// routes it serves, and a chunked body read at most to the path's cap.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { POST as postWidgetMessage } from "@/app/api/widget/messages/route";
import { loadNodeServedRoutes } from "@/app/api/node-served-routes";
import { nodeServedHandler, serveFromNode } from "@/lib/http/node-route";
import { BODY_LIMITS } from "@/lib/http/body-limits";

let server: http.Server;
let port: number;

beforeAll(async () => {
  const routes = await loadNodeServedRoutes();
  server = http.createServer((req, res) => {
    const handler = nodeServedHandler(routes, req);
    if (!handler) {
      res.statusCode = 404;
      res.end();
      return;
    }
    void serveFromNode(handler, req, res, `http://127.0.0.1:${port}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs `chunks` chunks of `chunkBytes` without a Content-Length (chunked); the status and body. */
function postChunked(path: string, key: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => resolve({ status: response.statusCode!, body: Buffer.concat(parts).toString() }));
      },
    );
    // The server may answer and close before every chunk is written.
    request.on("error", (error) => ((error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error)));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("routes served from node:http", () => {
  it("serves POST /api/v1/messages and the widget's message post by their routes' handlers, only them", async () => {
    const routes = await loadNodeServedRoutes();
    expect([...routes.keys()]).toEqual(["POST /api/v1/messages", "POST /api/widget/messages"]);
    expect(routes.get("POST /api/v1/messages")).toBe(postMessage);
    expect(routes.get("POST /api/widget/messages")).toBe(postWidgetMessage);
    const request = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;
    expect(nodeServedHandler(routes, request("POST", "/api/v1/messages?x=1"))).toBe(postMessage);
    expect(nodeServedHandler(routes, request("GET", "/api/v1/messages"))).toBeUndefined();
    expect(nodeServedHandler(routes, request("POST", "/api/v1/messages/"))).toBeUndefined();
    expect(nodeServedHandler(routes, request("POST", "/api/v1/bans"))).toBeUndefined();
  });

  it("stores a chunked message; a chunked body past the cap gets 413 (API error shape), stores nothing", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    const message = JSON.stringify({ channel: "webchat", from: "visitor-chunked", text: "hello in two chunks" });
    const stored = await postChunked("/api/v1/messages", service.key, [
      Buffer.from(message.slice(0, 20)),
      Buffer.from(message.slice(20)),
    ]);
    expect(stored.status).toBe(202);
    expect(JSON.parse(stored.body)).toMatchObject({ admitted: true });

    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const tooLarge = await postChunked(
      "/api/v1/messages",
      service.key,
      Array.from({ length: BODY_LIMITS.api / chunk.length + 2 }, () => chunk),
    );
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe("payload_too_large");
    expect(await db.message.count({ where: { tenantId: tenant.id } })).toBe(1);
  });
});
