// The agents' socket answers only the app's own pages (issue 13, item 12): browsers send the agent's
// cookie on a WebSocket handshake from any site, so a cross-origin page could otherwise read live
// customer messages. The widget's namespace is for embedding: any origin, unless the tenant lists the
// sites that may embed it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { testDatabase } from "../helpers/test-database";
import { connectAgent, startRealtime } from "../helpers/realtime";
import { TEST_AUTH_SECRET } from "../helpers/per-file-setup";
import { createTeam } from "../factories";
import { newVisitorId, signWidgetSession } from "@/lib/widget/widget-token";

function connectVisitor(url: string, tenantId: string, origin?: string): Promise<void> {
  const token = signWidgetSession(
    { tenantId, visitorId: newVisitorId(), externalId: null, name: null, issuedAt: Math.floor(Date.now() / 1000) },
    TEST_AUTH_SECRET,
  );
  const socket = connect(`${url}/widget`, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: origin ? { origin } : {},
  });
  return new Promise<void>((resolve, reject) => {
    socket.once("widget.ready", () => (socket.disconnect(), resolve()));
    socket.once("connect_error", (error) => (socket.disconnect(), reject(error)));
  });
}

describe("socket handshake origins", () => {
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let behindProxy: Awaited<ReturnType<typeof startRealtime>>;
  beforeAll(async () => {
    server = await startRealtime(testDatabase());
    behindProxy = await startRealtime(testDatabase(), { publicUrl: "https://helpdesk.example.com" });
  });
  afterAll(async () => {
    await server.close();
    await behindProxy.close();
  });

  it("refuses an agent socket opened from another origin, even a same-site one", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const port = new URL(server.url).port;
    await expect(connectAgent(server.url, agent.actor, undefined, { origin: "https://evil.example" })).rejects.toThrow(
      "forbidden_origin",
    );
    await expect(
      connectAgent(server.url, agent.actor, undefined, { origin: `http://127.0.0.1:${Number(port) + 1}` }),
    ).rejects.toThrow("forbidden_origin");
    await expect(connectAgent(server.url, agent.actor, undefined, { origin: "null" })).rejects.toThrow(
      "forbidden_origin",
    );
  });

  it("accepts the app's own pages (the Host it was sent to, or NEXTAUTH_URL) and clients with no Origin", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    (await connectAgent(server.url, agent.actor, undefined, { origin: server.url })).disconnect();
    (await connectAgent(server.url, agent.actor)).disconnect();
    (
      await connectAgent(behindProxy.url, agent.actor, undefined, { origin: "https://helpdesk.example.com" })
    ).disconnect();
    await expect(
      connectAgent(behindProxy.url, agent.actor, undefined, { origin: "https://elsewhere.example.com" }),
    ).rejects.toThrow("forbidden_origin");
  });

  it("lets any site use the widget's socket, or only the tenant's listed sites", async () => {
    const db = testDatabase().prisma;
    const { tenant } = await createTeam(db);
    await connectVisitor(server.url, tenant.id, "https://any-shop.example");
    await db.tenant.update({
      where: { id: tenant.id },
      data: { widgetAllowedOrigins: ["https://shop.example.com", "https://*.brand.example"] },
    });
    await connectVisitor(server.url, tenant.id, "https://shop.example.com");
    await connectVisitor(server.url, tenant.id, "https://eu.brand.example");
    await connectVisitor(server.url, tenant.id, server.url);
    await connectVisitor(server.url, tenant.id);
    await expect(connectVisitor(server.url, tenant.id, "https://any-shop.example")).rejects.toThrow("forbidden_origin");
    await expect(connectVisitor(server.url, tenant.id, "http://shop.example.com")).rejects.toThrow("forbidden_origin");
    await expect(connectVisitor(server.url, tenant.id, "https://brand.example")).rejects.toThrow("forbidden_origin");
  });
});
