// The routes server.ts answers itself, before Next (lib/http/node-route.ts): the machine-facing ingest
// paths, where Next's own work per request cost more than storing the message (README, "Paths that
// bypass Next"). Each is the route file's own handler, so its declaration, auth, errors and tests are
// those of the route; tests/helpers/api.ts sends the tests' calls of these handlers through the same
// node:http path. Loaded after Next's app.prepare(): next/server needs the AsyncLocalStorage Next installs.
import type { NodeServedHandler } from "@/lib/http/node-route";

export async function loadNodeServedRoutes(): Promise<ReadonlyMap<string, NodeServedHandler>> {
  const [messages, widgetMessages] = await Promise.all([
    import("@/app/api/v1/messages/route"),
    import("@/app/api/widget/messages/route"),
  ]);
  return new Map<string, NodeServedHandler>([
    ["POST /api/v1/messages", messages.POST],
    ["POST /api/widget/messages", widgetMessages.POST],
  ]);
}
