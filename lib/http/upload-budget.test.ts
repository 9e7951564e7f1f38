import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { guardRequest } from "./request-guard";
import { UploadBudget } from "./upload-budget";

const KB = 1024;

describe("the upload budget", () => {
  it("holds what an address has on its way in, per IPv6 /64, until each request gives it back", () => {
    const budget = new UploadBudget(100);
    const a = budget.reserve("2001:db8:1:2::1", 60)!;
    expect(budget.reserve("2001:db8:1:2::ffff", 60)).toBeNull();
    const b = budget.reserve("2001:db8:1:2::ffff", 40)!;
    expect(budget.reserve("2001:db8:1:3::1", 100)).not.toBeNull();
    a();
    a(); // once only
    expect(budget.heldBy("2001:db8:1:2::1")).toBe(40);
    b();
    expect(budget.heldBy("2001:db8:1:2::1")).toBe(0);
  });
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server as server.ts runs it: the client's address stamped, the guard, then a handler that reads the body. */
async function guardedServer(uploads: UploadBudget): Promise<number> {
  server = createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = String(req.headers["x-test-address"]);
    void guardRequest(req, res, {
      dev: false,
      widgetFrameAncestors: async () => [],
      widgetPageTurn: async () => ({ taken: true, retryAfterSeconds: 1 }),
      signedOutPageTurn: async () => ({ taken: true, retryAfterSeconds: 1 }),
      agentPageTurn: async () => ({ taken: true, retryAfterSeconds: 1 }),
      signedOutApiTurn: async () => ({ taken: true, retryAfterSeconds: 1 }),
      carriesGoodApiKey: () => false,
      sessionAgentOf: async () => null,
      uploads,
    }).then((pass) => {
      if (!pass) return;
      req.resume();
      req.on("end", () => res.end("ok"));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A POST declaring `bytes`, sending `sent` of them now; finish() sends the rest. Resolves the status once answered. */
function upload(port: number, address: string, bytes: number, sent: number) {
  const req = request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/api/v1/messages",
    headers: { "content-length": bytes, "x-test-address": address },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
  req.write(Buffer.alloc(sent));
  return { status, finish: () => req.end(Buffer.alloc(bytes - sent)) };
}

describe("bodies on their way in, per address", () => {
  it("refuses an address's body past its budget before reading it; others, and it later, go on", async () => {
    const port = await guardedServer(new UploadBudget(300 * KB));
    const attacker = "2001:db8:aa:1::1";
    const held = [0, 1, 2].map(() => upload(port, attacker, 100 * KB, 50 * KB));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const over = upload(port, "2001:db8:aa:1::2", 100 * KB, 0);
    over.finish();
    expect(await over.status).toBe(429);
    const other = upload(port, "198.51.100.7", 100 * KB, 0);
    other.finish();
    expect(await other.status).toBe(200);
    held[0]!.finish();
    expect(await held[0]!.status).toBe(200);
    const later = upload(port, attacker, 100 * KB, 0);
    later.finish();
    expect(await later.status).toBe(200);
    for (const h of held.slice(1)) h.finish();
    expect(await Promise.all(held.slice(1).map((h) => h.status))).toEqual([200, 200]);
  });
});
