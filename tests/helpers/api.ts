// Calls a route handler the way Next.js does, with a real Request, and reads its JSON answer. Every answer
// of a declared operation (lib/http/define-route.ts) is checked against its declaration: a status it does
// not declare, or a body its schema refuses, fails the test that saw it.
import { NextRequest } from "next/server";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { checkResponse, type OperationSpec } from "@/lib/http/define-route";

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
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new NextRequest(`http://localhost${call.path ?? "/api/v1/test"}`, {
    method: call.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const response = await handler(req, { params: Promise.resolve(call.params ?? {}) });
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
