// The live-chat queue cannot be flooded: new widget visitors and queue entries are limited per client
// address and per tenant (Settings → Live chat), refused before anything is stored. Through the widget's
// route handlers, with the client address server.ts would stamp. Subjects are random, so runs sharing a
// Redis (REDIS_URL) do not share counters.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import {
  DEFAULT_FLOOD_LIMITS,
  getFloodLimits,
  NETWORK_LIMIT_MULTIPLE,
  updateFloodLimits,
} from "@/lib/live-chat/flood-limits";
import { POST as sessionRoute } from "@/app/api/widget/session/route";
import { POST as messageRoute } from "@/app/api/widget/messages/route";
import { POST as connectRoute } from "@/app/api/widget/connect/route";
import { newAddress, newSite } from "../helpers/addresses";

const db = () => testDatabase().prisma;
const from = (address: string, extra: Record<string, string> = {}) => ({ [CLIENT_ADDRESS_HEADER]: address, ...extra });

/** A browser without the widget cookie: a new visitor. */
const startSession = (tenantId: string, address: string, cookie?: string) =>
  callApi(sessionRoute, {
    path: "/api/widget/session",
    body: { tenant: tenantId },
    headers: from(address, cookie ? { cookie } : {}),
  });

async function newVisitorInQueue(tenantId: string, address: string) {
  const session = await startSession(tenantId, address);
  expect(session.status).toBe(200);
  const token = session.body.token as string;
  const message = await callApi(messageRoute, {
    path: "/api/widget/messages",
    body: { text: "hello?" },
    headers: from(address, { "x-widget-session": token }),
  });
  expect(message.status).toBe(201);
  const connect = await callApi(connectRoute, {
    path: "/api/widget/connect",
    body: {},
    headers: from(address, { "x-widget-session": token }),
  });
  return { token, conversationId: message.body.conversationId as string, connect };
}

describe("live-chat flood limits", () => {
  it("stops one address queueing chat after chat with fresh visitor ids; a refused chat's message kept", async () => {
    const { tenant } = await createTeam(db());
    const address = newAddress();
    const tokens: string[] = [];
    for (let i = 0; i < DEFAULT_FLOOD_LIMITS.liveChatQueueEntriesPerAddress; i++) {
      const queued = await newVisitorInQueue(tenant.id, address);
      expect(queued.connect).toMatchObject({ status: 200, body: { connected: true, state: "Queued" } });
      tokens.push(queued.token);
    }
    const refused = await newVisitorInQueue(tenant.id, address);
    expect(refused.connect.status).toBe(429);
    expect(Number(refused.connect.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.connect.body.error).toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(
        /^Many people are asking for an agent right now\. Please try again in \d+ minutes?\./,
      ),
    });
    // Refused before anything was stored: not waiting, no queue line in its timeline; the message is kept.
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: refused.conversationId },
      include: { messages: true },
    });
    expect(conversation.status).toBe("open");
    expect(conversation.queuedAt).toBeNull();
    expect(conversation.messages.map((m) => m.body)).toEqual(["hello?"]);
    expect(
      await db().conversationEvent.count({
        where: { conversationId: refused.conversationId, type: { in: ["live_chat_queued", "live_chat_refused"] } },
      }),
    ).toBe(0);
    expect(await db().conversation.count({ where: { tenantId: tenant.id, status: "waiting" } })).toBe(
      DEFAULT_FLOOD_LIMITS.liveChatQueueEntriesPerAddress,
    );
    // Someone else is served; asking again while already waiting costs nothing.
    const other = await newVisitorInQueue(tenant.id, newAddress());
    expect(other.connect.status).toBe(200);
    const again = await callApi(connectRoute, {
      path: "/api/widget/connect",
      body: {},
      headers: from(address, { "x-widget-session": tokens[0]! }),
    });
    expect(again).toMatchObject({ status: 200, body: { state: "Queued", position: 1 } });
  }, 60_000);

  it("limits new visitor ids per address; returning visitors (cookie) and other addresses unaffected", async () => {
    const { tenant, admin } = await createTeam(db());
    await updateFloodLimits({
      db: db(),
      actor: admin.actor,
      input: { ...DEFAULT_FLOOD_LIMITS, liveChatNewVisitorsPerAddress: 3 },
    });
    const address = newAddress();
    const first = await startSession(tenant.id, address);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    for (let i = 0; i < 2; i++) expect((await startSession(tenant.id, address)).status).toBe(200);
    const refused = await startSession(tenant.id, address);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(
      /^The chat is very busy right now\. Please try again in \d+ minutes?\.$/,
    );
    expect(refused.headers.get("set-cookie")).toBeNull();
    // Spoofed forwarding headers do not make the same connection a new address.
    expect((await startSession(tenant.id, address.replace("::9", "::10"))).status).toBe(429);
    expect(
      (
        await callApi(sessionRoute, {
          path: "/api/widget/session",
          body: { tenant: tenant.id },
          headers: from(address, { "x-forwarded-for": "203.0.113.50" }),
        })
      ).status,
    ).toBe(429);
    const resumed = await startSession(tenant.id, address, cookie);
    expect(resumed.status).toBe(200);
    expect((await startSession(tenant.id, newAddress())).status).toBe(200);
  });

  it("holds one person's /48 to four addresses' worth: rotating /64s does not close the chat to everyone", async () => {
    const { tenant, admin } = await createTeam(db());
    await updateFloodLimits({
      db: db(),
      actor: admin.actor,
      input: { ...DEFAULT_FLOOD_LIMITS, liveChatNewVisitorsPerAddress: 3, liveChatNewVisitorsPerTenant: 100 },
    });
    // One /48, a fresh /64 for each new visitor (a home /56, a server's /48): each /64 is within its limit.
    const network = newSite();
    const sessions = [];
    for (let i = 0; i < 20; i++) sessions.push(await startSession(tenant.id, `${network}:${i.toString(16)}::1`));
    const admitted = 3 * NETWORK_LIMIT_MULTIPLE;
    expect(sessions.slice(0, admitted).every((s) => s.status === 200)).toBe(true);
    expect(sessions.slice(admitted).every((s) => s.status === 429)).toBe(true);
    // Everyone else still gets in: the tenant's limit was not used up by the refused ones.
    expect((await startSession(tenant.id, newAddress())).status).toBe(200);
    expect((await startSession(tenant.id, "198.51.100.23")).status).toBe(200);
  });

  it("caps the tenant as a whole (a flood from many addresses); other tenants keep their budget", async () => {
    const { tenant, admin } = await createTeam(db());
    const other = await createTeam(db());
    await updateFloodLimits({
      db: db(),
      actor: admin.actor,
      input: { ...DEFAULT_FLOOD_LIMITS, liveChatNewVisitorsPerTenant: 3, liveChatQueueEntriesPerTenant: 2 },
    });
    const sessions = await Promise.all(Array.from({ length: 6 }, () => startSession(tenant.id, newAddress())));
    expect(sessions.filter((s) => s.status === 200)).toHaveLength(3);
    expect(sessions.filter((s) => s.status === 429)).toHaveLength(3);
    // Another tenant has its own budget.
    expect((await startSession(other.tenant.id, newAddress())).status).toBe(200);

    await updateFloodLimits({
      db: db(),
      actor: admin.actor,
      input: { ...DEFAULT_FLOOD_LIMITS, liveChatQueueEntriesPerTenant: 2 },
    });
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push((await newVisitorInQueue(tenant.id, newAddress())).connect.status);
    expect(queued).toEqual([200, 200, 429]);
  });

  it("are settings admins change (audited), with sensible defaults", async () => {
    const { tenant, admin, agent } = await createTeam(db());
    expect(await getFloodLimits({ db: db(), actor: admin.actor })).toEqual(DEFAULT_FLOOD_LIMITS);
    await expect(
      updateFloodLimits({ db: db(), actor: agent.actor, input: DEFAULT_FLOOD_LIMITS }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateFloodLimits.fromUntrusted({
        db: db(),
        actor: admin.actor,
        input: { ...DEFAULT_FLOOD_LIMITS, liveChatQueueEntriesPerTenant: 0 },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: "liveChatQueueEntriesPerTenant", message: "must be at least 1" }] },
    });
    const changed = { ...DEFAULT_FLOOD_LIMITS, liveChatQueueEntriesPerAddress: 5 };
    expect(await updateFloodLimits({ db: db(), actor: admin.actor, input: changed })).toEqual(changed);
    expect(
      await db().auditLog.count({ where: { tenantId: tenant.id, action: "tenant.live_chat_flood_limits_updated" } }),
    ).toBe(1);
  });
});
