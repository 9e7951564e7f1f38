// Calls a route handler the way Next.js does, with a real Request, and reads its JSON answer. Every answer
// of a declared operation (lib/http/define-route.ts) is checked against its declaration: a status it does
// not declare, or a body its schema refuses, fails the test that saw it.
// The handlers server.ts serves itself, before Next (app/api/node-served-routes.ts), are called the way
// server.ts calls them: over HTTP, through lib/http/node-route.ts, on a node:http server in this process.
import { createServer, type IncomingMessage } from "node:http";
import { NextRequest } from "next/server";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { checkResponse, type OperationSpec } from "@/lib/http/define-route";
import { serveFromNode, type NodeServedHandler } from "@/lib/http/node-route";
import { loadNodeServedRoutes } from "@/app/api/node-served-routes";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's params shape
type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

export interface ApiCall {
  method?: string;
  path?: string;
  key?: string | null;
  agentId?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function callApi(handler: Handler, call: ApiCall = {}) {
  const headers = new Headers(call.headers);
  if (call.key) headers.set("authorization", `Bearer ${call.key}`);
  if (call.agentId) headers.set("x-agent-id", call.agentId);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const method = call.method ?? (body === undefined ? "GET" : "POST");
  const path = call.path ?? "/api/v1/test";
  const response = (await isNodeServed(handler))
    ? await callThroughNode(handler as NodeServedHandler, path, { method, headers, body })
    : await handler(new NextRequest(`http://localhost${path}`, { method, headers, body }), {
        params: Promise.resolve(call.params ?? {}),
      });
  // What the request caused runs partly in queued listeners (spam strings, rules, campaigns): wait for them.
  await whenEventsIdle();
  const text = await response.text();
  const operation = (handler as { operation?: OperationSpec }).operation;
  const isJson = response.headers.get("content-type")?.startsWith("application/json") ?? false;
  const answer = text && (isJson || !operation) ? JSON.parse(text) : text || null;
  if (operation) {
    const problem = checkResponse(operation, response.status, isJson ? answer : undefined);
    if (problem) throw new Error(`The answer breaks its declaration: ${problem}\n${text.slice(0, 2000)}`);
  }
  return { status: response.status, headers: response.headers, body: answer };
}

let nodeServed: Promise<Set<unknown>> | undefined;
async function isNodeServed(handler: Handler): Promise<boolean> {
  nodeServed ??= loadNodeServedRoutes().then((routes) => new Set(routes.values()));
  return (await nodeServed).has(handler);
}

/** Which handler the in-process server runs for a request (the tests call several handlers on one path). */
const HANDLER_HEADER = "x-test-handler";
const handlerIds = new Map<NodeServedHandler, string>();
const handlersById = new Map<string, NodeServedHandler>();
let server: Promise<string> | undefined;

/** The in-process node:http server that answers as server.ts does (serveFromNode); its origin. */
function nodeServer(): Promise<string> {
  server ??= new Promise((resolve, reject) => {
    const http = createServer((req: IncomingMessage, res) => {
      const handler = handlersById.get(String(req.headers[HANDLER_HEADER]));
      delete req.headers[HANDLER_HEADER];
      if (!handler) {
        res.statusCode = 500;
        res.end("no handler named");
        return;
      }
      void serveFromNode(handler, req, res, origin);
    });
    let origin = "";
    http.unref();
    http.once("error", reject);
    http.listen(0, "127.0.0.1", () => {
      const address = http.address();
      if (!address || typeof address === "string") return reject(new Error("no port"));
      origin = `http://127.0.0.1:${address.port}`;
      resolve(origin);
    });
  });
  return server;
}

async function callThroughNode(
  handler: NodeServedHandler,
  path: string,
  init: { method: string; headers: Headers; body: string | undefined },
): Promise<Response> {
  let id = handlerIds.get(handler);
  if (!id) {
    id = String(handlerIds.size + 1);
    handlerIds.set(handler, id);
    handlersById.set(id, handler);
  }
  init.headers.set(HANDLER_HEADER, id);
  return fetch(`${await nodeServer()}${path}`, init);
}
