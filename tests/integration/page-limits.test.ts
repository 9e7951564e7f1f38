// The widget page (/widget?tenant=…) as server.ts's request guard answers it before Next renders it
// (lib/http/request-guard.ts): its frame-ancestors come from each instance's memory (AdmissionCache.widgetTenant) and
// follow a changed list of allowed origins on every instance; one address's loads are limited (WIDGET_PAGE_LIMIT),
// refused with 429 and Retry-After before the tenant is looked up, while other addresses are served. Pages rendered
// for a client without a session (the login page, any page with a forged cookie) have a per-address limit of their
// own (SIGNED_OUT_PAGE_LIMIT); signed-in agents never count against it — they have a limit of their own wherever they
// are (AGENT_PAGE_LIMIT, and AGENT_PREFETCH_LIMIT for Next's prefetches). So do requests to route handlers under /api/
// from a client with neither a session nor a key the instance holds good (SIGNED_OUT_API_LIMIT).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { callApi } from "../helpers/api";
import { PATCH as patchSettings } from "@/app/api/v1/settings/route";
import { AdmissionCache } from "@/lib/admission/admission-cache";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { guardRequest } from "@/lib/http/request-guard";
import { UploadBudget } from "@/lib/http/upload-budget";
import { widgetFrameAncestorsOf } from "@/lib/live-chat/widget-origins";
import { WIDGET_PAGE_LIMIT } from "@/lib/widget/widget-limits";
import { takeWidgetPageTurn } from "@/lib/widget/widget-page-limit";
import {
  AGENT_PAGE_LIMIT,
  AGENT_PREFETCH_LIMIT,
  SIGNED_OUT_API_LIMIT,
  SIGNED_OUT_PAGE_LIMIT,
  takeAgentPageTurn,
  takeSignedOutApiTurn,
  takeSignedOutPageTurn,
} from "@/lib/http/guard-limits";
import { carriesGoodApiKey, hashApiKey } from "@/lib/auth/api-keys";
import { sessionAgentIdOf } from "@/lib/auth/session-cookie";
import { TEST_AUTH_SECRET } from "../helpers/per-file-setup";
import { sessionCookie } from "../helpers/realtime";
import { within } from "../helpers/within";
import { newNetwork } from "../helpers/addresses";

const servers: http.Server[] = [];
const caches: AdmissionCache[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const cache of caches) await cache.close();
});

/**
 * One instance as server.ts runs it: its own admission cache (on PostgreSQL its own LISTEN), the client's address
 * stamped (here from a test header), the guard wired as server.ts wires it, and "the page" where Next would render.
 */
async function instance(): Promise<{ port: number; cache: AdmissionCache }> {
  const cache = new AdmissionCache(testDatabase());
  caches.push(cache);
  await cache.start();
  const guard = {
    dev: false,
    widgetFrameAncestors: (tenantId: string) => widgetFrameAncestorsOf(cache, tenantId),
    widgetPageTurn: takeWidgetPageTurn,
    signedOutPageTurn: takeSignedOutPageTurn,
    agentPageTurn: takeAgentPageTurn,
    signedOutApiTurn: takeSignedOutApiTurn,
    carriesGoodApiKey: (authorization: string | undefined) => carriesGoodApiKey(cache, authorization),
    sessionAgentOf: (cookie: string | undefined) => sessionAgentIdOf(cookie, TEST_AUTH_SECRET),
    uploads: new UploadBudget(),
  };
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = String(req.headers["x-test-address"]);
    void guardRequest(req, res, guard).then((pass) => pass && res.end("the page"));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, cache };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
afterAll(() => agent.destroy());

/** A request as a client at `address` sends it; a POST carries a small server action's body. */
function load(
  port: number,
  path: string,
  address: string,
  keepAlive = true,
  headers: http.OutgoingHttpHeaders = {},
  method = "GET",
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const options = {
      host: "127.0.0.1",
      port,
      path,
      agent: keepAlive ? agent : false,
      method,
      headers: { "x-test-address": address, ...headers },
    };
    const request = http.request(options, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
    });
    request.on("error", reject);
    request.end(method === "POST" ? ACTION_BODY : undefined);
  });
}

const ACTION_BODY = '["x"]';
/** What a script sends to run a server action: the app's own origin (a script sets it), a made-up action id. */
const actionHeaders = (port: number): http.OutgoingHttpHeaders => ({
  "next-action": "7f00000000000000000000000000000000000000",
  host: `127.0.0.1:${port}`,
  origin: `http://127.0.0.1:${port}`,
  "content-type": "text/plain;charset=UTF-8",
  "content-length": Buffer.byteLength(ACTION_BODY),
});

/** What a browser sends when it loads a page into its window. */
const DOCUMENT_HEADERS: http.OutgoingHttpHeaders = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "sec-fetch-dest": "document",
};

/** The first refused of a flood's answers (a flood past the limit has some; the refill may serve a few). */
function refusedOf(answers: Array<Awaited<ReturnType<typeof load>>>) {
  const refused = answers.find((answer) => answer.status === 429);
  expect(refused, "a refusal among the answers").toBeDefined();
  return refused!;
}

/** A 429 as lib/http/refusal-page.ts writes it: HTML that says `message`, reloads after Retry-After, runs no script. */
function expectRefusalPage(answer: Awaited<ReturnType<typeof load>>, message: string) {
  expect(answer.status).toBe(429);
  expect(answer.headers["content-type"]).toContain("text/html");
  const seconds = Number(answer.headers["retry-after"]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(answer.body).toContain(`<meta http-equiv="refresh" content="${seconds}">`);
  expect(answer.body).toContain(message);
  expect(answer.body).not.toContain("<script");
  const nonce = /style-src [^;]*'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))?.[1];
  expect(answer.body).toContain(`<style nonce="${nonce}">`);
}

const frameAncestors = (headers: http.IncomingHttpHeaders) =>
  /frame-ancestors ([^;]*)/.exec(String(headers["content-security-policy"]))?.[1];

describe("the widget page's frame-ancestors", () => {
  it("come from each instance's memory, and a changed list of allowed origins applies on every instance", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const [a, b] = [await instance(), await instance()];
    const page = `/widget?tenant=${team.tenant.id}`;
    const reads = vi.spyOn(db.tenant, "findUnique");
    try {
      for (const { port } of [a, b])
        expect(frameAncestors((await load(port, page, "192.0.2.10")).headers)).toBeUndefined();
      const afterFirstLoads = reads.mock.calls.length;
      for (let i = 0; i < 5; i++) for (const { port } of [a, b]) await load(port, page, "192.0.2.10");
      expect(reads.mock.calls.length, "a warm load asks the database nothing").toBe(afterFirstLoads);

      const set = await callApi(patchSettings, {
        method: "PATCH",
        key: team.service.key,
        body: { widgetAllowedOrigins: ["https://shop.example.com", "https://*.brand.example"] },
      });
      expect(set.status).toBe(200);
      // Heard at the commit on PGlite, within milliseconds on PostgreSQL: the README's bound is a second.
      for (const { port } of [a, b]) {
        await within(1_000, async () => {
          const ancestors = frameAncestors((await load(port, page, "192.0.2.10")).headers);
          return ancestors === "'self' https://shop.example.com https://*.brand.example";
        });
      }
      const afterChange = reads.mock.calls.length;
      await load(a.port, page, "192.0.2.10");
      expect(reads.mock.calls.length, "the new list is kept in memory again").toBe(afterChange);

      await callApi(patchSettings, { method: "PATCH", key: team.service.key, body: { widgetAllowedOrigins: [] } });
      for (const { port } of [a, b]) {
        await within(1_000, async () => frameAncestors((await load(port, page, "192.0.2.10")).headers) === undefined);
      }
      // Any other page of the app may be framed by no one, as before.
      expect(frameAncestors((await load(a.port, "/inbox", "192.0.2.10")).headers)).toBe("'none'");
    } finally {
      reads.mockRestore();
    }
  });

  it("answers an unknown tenant as 'any site' (the page says the chat is unavailable); a NUL is a 400", async () => {
    const { port } = await instance();
    expect(frameAncestors((await load(port, "/widget?tenant=no-such-tenant", "192.0.2.11")).headers)).toBeUndefined();
    expect((await load(port, "/widget?tenant=%00", "192.0.2.11")).status).toBe(400);
  });
});

/** `count` loads from `address`, `concurrency` at a time (each on a connection of its own): their answers. */
async function flood(
  port: number,
  path: string,
  address: string,
  count: number,
  concurrency = 10,
  headers: http.OutgoingHttpHeaders = {},
  method = "GET",
) {
  const answers: Array<Awaited<ReturnType<typeof load>>> = [];
  const worker = async () => {
    while (answers.length + running < count) {
      running++;
      answers.push(await load(port, path, address, false, headers, method));
      running--;
    }
  };
  let running = 0;
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

describe("the widget page's per-address limit", () => {
  it("refuses one address's flood with 429 and Retry-After before any look-up; another address is served", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.tenant.update({
      where: { id: team.tenant.id },
      data: { widgetAllowedOrigins: ["https://shop.example.com"] },
    });
    const { port } = await instance();
    const flooder = `${newNetwork()}::20`;
    const extra = 30;

    // An unknown tenant is not remembered, so each load served costs one look-up, and a refused one none.
    const reads = vi.spyOn(db.tenant, "findUnique");
    const started = Date.now();
    let answers: Awaited<ReturnType<typeof flood>>;
    try {
      answers = await flood(port, "/widget?tenant=not-a-tenant", flooder, WIDGET_PAGE_LIMIT.burst + extra);
      const served = answers.filter((answer) => answer.status === 200).length;
      // The bucket's burst, plus what it refilled while the flood ran (each refusal waits 1 s: the tarpit).
      const refilled = Math.ceil(((Date.now() - started) / 1000) * WIDGET_PAGE_LIMIT.perSecond);
      expect(served).toBeGreaterThanOrEqual(WIDGET_PAGE_LIMIT.burst);
      expect(served).toBeLessThanOrEqual(WIDGET_PAGE_LIMIT.burst + refilled + 1);
      expect(answers.length - served).toBeGreaterThanOrEqual(extra - refilled - 1);
      expect(reads).toHaveBeenCalledTimes(served);
    } finally {
      reads.mockRestore();
    }
    const refused = answers.find((answer) => answer.status !== 200)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refused.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });
    // In the host site's frame, the visitor's browser reads a page (no script; any site may frame it).
    const framed = refusedOf(
      await flood(port, `/widget?tenant=${team.tenant.id}`, flooder, 10, 10, {
        ...DOCUMENT_HEADERS,
        "sec-fetch-dest": "iframe",
      }),
    );
    expectRefusalPage(framed, "The chat was loaded too often from your address.");
    expect(frameAncestors(framed.headers)).toBeUndefined();

    // The path as Next routes it: percent-encoding is no way around the limit (at most the refill gets through).
    const encoded = await flood(port, `/%77idget?tenant=${team.tenant.id}`, flooder, 20, 20);
    expect(encoded.some((answer) => answer.status === 429)).toBe(true);
    const loads = [...answers, ...encoded].filter((answer) => answer.status === 200).length;
    expect(loads).toBeLessThanOrEqual(
      WIDGET_PAGE_LIMIT.burst + Math.ceil(((Date.now() - started) / 1000) * WIDGET_PAGE_LIMIT.perSecond) + 1,
    );

    // Another address — and the flooder's other pages — are served as ever.
    const other = await load(port, `/widget?tenant=${team.tenant.id}`, `${newNetwork()}::21`);
    expect(other.status).toBe(200);
    expect(frameAncestors(other.headers)).toBe("'self' https://shop.example.com");
    expect((await load(port, "/login", flooder)).status).toBe(200);

    // IPv6 is counted by /64: the flooder's neighbour in its /64 is refused too, another /64 is not.
    const network = newNetwork();
    await flood(port, `/widget?tenant=${team.tenant.id}`, `${network}::1`, WIDGET_PAGE_LIMIT.burst + 4);
    const neighbour = await flood(port, `/widget?tenant=${team.tenant.id}`, `${network}::ffff`, 20, 20);
    expect(neighbour.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(10);
    expect((await load(port, `/widget?tenant=${team.tenant.id}`, `${newNetwork()}::1`)).status).toBe(200);
  });
});

describe("pages rendered without a session", () => {
  it("are limited per address, a forged cookie too; signed-in agents and other addresses are not", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const { port } = await instance();
    const flooder = `${newNetwork()}::30`;
    const extra = 30;
    const started = Date.now();
    const answers = await flood(port, "/login", flooder, SIGNED_OUT_PAGE_LIMIT.burst + extra, 20);
    const served = answers.filter((answer) => answer.status === 200).length;
    // The bucket's burst, plus what it refilled while the flood ran (each refusal waits 1 s: the tarpit).
    const refilled = Math.ceil(((Date.now() - started) / 1000) * SIGNED_OUT_PAGE_LIMIT.perSecond);
    expect(served).toBeGreaterThanOrEqual(SIGNED_OUT_PAGE_LIMIT.burst);
    expect(served).toBeLessThanOrEqual(SIGNED_OUT_PAGE_LIMIT.burst + refilled + 1);
    const refused = answers.find((answer) => answer.status !== 200)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });

    // Any page, and a made-up session cookie (Next would render up to its session check), count in the same bucket:
    // all the flooder's renders so far are the burst and what refilled (4 a second) since the flood began.
    const forged = await flood(port, "/inbox", flooder, 20, 20, { cookie: "next-auth.session-token=made-up" });
    const encoded = await flood(port, "/%6Cogin", flooder, 20, 20);
    // A server action posted without a session: there is none such a client may run, and Next decodes it first.
    const actions = await flood(port, "/inbox", flooder, 20, 20, actionHeaders(port), "POST");
    for (const answers of [forged, encoded, actions])
      expect(answers.some((answer) => answer.status === 429)).toBe(true);
    const renders = [...answers, ...forged, ...encoded, ...actions].filter((answer) => answer.status === 200).length;
    const since = Math.ceil(((Date.now() - started) / 1000) * SIGNED_OUT_PAGE_LIMIT.perSecond);
    expect(renders).toBeLessThanOrEqual(SIGNED_OUT_PAGE_LIMIT.burst + since + 1);

    // A signed-in agent behind the same address (an office that shares it with the flood) is not held.
    const cookie = await sessionCookie(agent.actor);
    const signedIn = await flood(port, "/inbox", flooder, 20, 10, { cookie });
    expect(signedIn.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    // Nor are the API, Next's assets, public files or Socket.io (limits of their own, or no render).
    for (const path of ["/api/health", "/_next/static/chunk.js", "/widget.js", "/favicon.svg", "/socket.io/?EIO=4"])
      expect((await load(port, path, flooder)).status, path).toBe(200);
    // Another address is served.
    expect((await load(port, "/login", `${newNetwork()}::31`)).status).toBe(200);
  });
});

describe("pages rendered for a signed-in agent", () => {
  it("are limited per agent, from any address; another agent behind the same address is served", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { port } = await instance();
    const office = `${newNetwork()}::60`;
    const scripted = { cookie: await sessionCookie(team.agent.actor) };
    const extra = 30;
    const started = Date.now();
    const answers = await flood(port, "/sessions", office, AGENT_PAGE_LIMIT.burst + extra, 20, scripted);
    const served = answers.filter((answer) => answer.status === 200).length;
    const refilled = Math.ceil(((Date.now() - started) / 1000) * AGENT_PAGE_LIMIT.perSecond);
    expect(served).toBeGreaterThanOrEqual(AGENT_PAGE_LIMIT.burst);
    expect(served).toBeLessThanOrEqual(AGENT_PAGE_LIMIT.burst + refilled + 1);
    const refused = answers.find((answer) => answer.status !== 200)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });

    // A browser's load of the page (its own, or Next's fallback after a refused RSC navigation) gets a page that
    // says why and loads itself again after Retry-After; its one style carries the response's nonce. An RSC
    // navigation, which Next's client reads, keeps the JSON.
    const browser = await flood(port, "/inbox", office, 20, 20, { ...scripted, ...DOCUMENT_HEADERS });
    expectRefusalPage(refusedOf(browser), "You loaded pages faster than anyone can read them.");
    const rsc = await flood(port, "/inbox?_rsc=3", office, 20, 20, { ...scripted, ...DOCUMENT_HEADERS, rsc: "1" });
    expect(refusedOf(rsc).headers["content-type"]).toContain("application/json");

    // The agent's limit follows the session, not the address: another address (a second network, a proxy) is held
    // too, and an RSC navigation is a render like any other.
    const elsewhere = await flood(port, "/inbox", `${newNetwork()}::61`, 20, 20, scripted);
    const navigations = await flood(port, "/inbox?_rsc=1", office, 20, 20, { ...scripted, rsc: "1" });
    for (const way of [elsewhere, navigations]) expect(way.some((answer) => answer.status === 429)).toBe(true);
    const renders = [...answers, ...elsewhere, ...navigations].filter((answer) => answer.status === 200).length;
    const since = Math.ceil(((Date.now() - started) / 1000) * AGENT_PAGE_LIMIT.perSecond);
    expect(renders).toBeLessThanOrEqual(AGENT_PAGE_LIMIT.burst + since + 1);

    // Next's prefetches (every link in view, again after each navigation) have a bucket of their own: the agent's
    // page full of links still prefetches, and a script sending the header is held at that bucket's limit.
    const prefetch = { ...scripted, rsc: "1", "next-router-prefetch": "1" };
    const prefetchStarted = Date.now();
    const prefetches = await flood(port, "/inbox?_rsc=2", office, AGENT_PREFETCH_LIMIT.burst + extra, 20, prefetch);
    // On a busy machine the flood of 630 can take long enough for the refill (20 a second) to cover the extra 30
    // (seen in CI): more, until the script is held.
    for (let round = 0; round < 10 && !prefetches.some((answer) => answer.status === 429); round++)
      prefetches.push(...(await flood(port, "/inbox?_rsc=2", office, 40, 20, prefetch)));
    const prefetched = prefetches.filter((answer) => answer.status === 200).length;
    const prefetchRefill = Math.ceil(((Date.now() - prefetchStarted) / 1000) * AGENT_PREFETCH_LIMIT.perSecond);
    expect(prefetched).toBeGreaterThanOrEqual(AGENT_PREFETCH_LIMIT.burst);
    expect(prefetched).toBeLessThanOrEqual(AGENT_PREFETCH_LIMIT.burst + prefetchRefill + 1);
    expect(prefetches.some((answer) => answer.status === 429)).toBe(true);

    // Another agent of the office, behind the same address, is served; so is the scripted agent's API read (a limit of
    // its own, RATE_LIMITS.agentReads) and the login page for someone signed out there.
    const colleague = { cookie: await sessionCookie(team.supervisor.actor) };
    const served2 = await flood(port, "/inbox", office, 20, 10, colleague);
    expect(served2.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect((await load(port, "/api/v1/conversations", office, true, scripted)).status).toBe(200);
    expect((await load(port, "/login", office)).status).toBe(200);
  });
});

describe("API requests without a session or a good key", () => {
  it("are limited per address, whatever the path or made-up key; good keys, sessions, the widget are not", async () => {
    const { agent, service } = await createTeam(testDatabase().prisma);
    const { port, cache } = await instance();
    const flooder = `${newNetwork()}::40`;
    const extra = 30;
    const started = Date.now();
    const answers = await flood(port, "/api/auth/csrf", flooder, SIGNED_OUT_API_LIMIT.burst + extra, 20);
    const served = answers.filter((answer) => answer.status === 200).length;
    // The bucket's burst, plus what it refilled while the flood ran (each refusal waits 1 s: the tarpit).
    const refilled = Math.ceil(((Date.now() - started) / 1000) * SIGNED_OUT_API_LIMIT.perSecond);
    expect(served).toBeGreaterThanOrEqual(SIGNED_OUT_API_LIMIT.burst);
    expect(served).toBeLessThanOrEqual(SIGNED_OUT_API_LIMIT.burst + refilled + 1);
    const refused = answers.find((answer) => answer.status !== 200)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });

    // Every other way in without credentials counts in the same bucket: a path no route answers, the health check,
    // a made-up key, a forged session cookie, a key of the right shape the instance does not hold, percent-encoding.
    const madeUpKey = { authorization: "Bearer bk_made-up" };
    const ways = [
      await flood(port, "/api/v1/no-such-route", flooder, 20, 20),
      await flood(port, "/api/health", flooder, 20, 20),
      await flood(port, "/api/v1/conversations", flooder, 20, 20, madeUpKey),
      await flood(port, "/api/v1/conversations", flooder, 20, 20, { cookie: "next-auth.session-token=made-up" }),
      await flood(port, "/api/v1/conversations", flooder, 20, 20, { authorization: `Bearer ${service.key}` }),
      await flood(port, "/%61pi/auth/session", flooder, 20, 20),
    ];
    for (const way of ways) expect(way.some((answer) => answer.status === 429)).toBe(true);
    const through = [...answers, ...ways.flat()].filter((answer) => answer.status === 200).length;
    const since = Math.ceil(((Date.now() - started) / 1000) * SIGNED_OUT_API_LIMIT.perSecond);
    expect(through).toBeLessThanOrEqual(SIGNED_OUT_API_LIMIT.burst + since + 1);

    // Once the key has authenticated (the route asks the cache), it is held good and never counts: a customer's
    // integration behind the flooder's address is served, as is a signed-in agent there.
    expect(await cache.apiKey(hashApiKey(service.key))).not.toBeNull();
    const integration = await flood(port, "/api/v1/messages", flooder, 20, 10, {
      authorization: `Bearer ${service.key}`,
    });
    expect(integration.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const cookie = await sessionCookie(agent.actor);
    const signedIn = await flood(port, "/api/v1/conversations", flooder, 20, 10, { cookie });
    expect(signedIn.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    // The widget's requests have limits of their own; pages have their own bucket; another address is served.
    expect((await load(port, "/api/widget/session", flooder)).status).toBe(200);
    expect((await load(port, "/login", flooder)).status).toBe(200);
    expect((await load(port, "/api/auth/csrf", `${newNetwork()}::41`)).status).toBe(200);
  });
});
