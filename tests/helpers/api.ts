// Calls a route handler the way Next.js does, with a real Request, and reads its JSON answer.
import { NextRequest } from "next/server";
import { whenEventsIdle } from "@/lib/events/dispatch";

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
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
