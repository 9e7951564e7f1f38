// Issue 13 at the edge of the real server (server.ts → lib/http/request-guard.ts), in Chromium where
// the browser matters: security headers and CSP nonces, no framing except the widget (and then only
// by the tenant's sites once it lists them), body caps before Next reads a byte, bad paths as JSON
// 400s, cross-site server actions as 403, and an agent's visit to an admin page logged as the 403 it is.
// Every journey in this suite also fails on any CSP violation (tests/e2e/support/fixtures.ts).
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";
import { E2E_PORT, E2E_SERVER_LOG } from "./support/server-config";

const api = () => ({ authorization: `Bearer ${demo().apiKey}` });

// Other sites, as real pages on this machine (Chromium refuses a page it cannot place on the network
// — one Playwright made up — any request to localhost). *.localhost names reach 127.0.0.1 in Chromium.
const HOST_SITE_PORT = E2E_PORT + 101;
let hostSite: http.Server;
test.beforeAll(async () => {
  hostSite = http.createServer((req, res) => {
    const frames = JSON.parse(new URL(req.url ?? "/", "http://x").searchParams.get("frames") ?? "{}") as Record<
      string,
      string
    >;
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<!doctype html><title>host</title>${Object.entries(frames)
        .map(([id, src]) => `<iframe id="${id}" src="${src}" width="600" height="400"></iframe>`)
        .join("")}`,
    );
  });
  await new Promise<void>((resolve) => hostSite.listen(HOST_SITE_PORT, "127.0.0.1", resolve));
  expect((hostSite.address() as AddressInfo).port).toBe(HOST_SITE_PORT);
});
test.afterAll(async () => {
  await new Promise((resolve) => hostSite.close(resolve));
});

/** Opens a page of `origin` (http://<name>:HOST_SITE_PORT) that frames the given URLs of the app. */
async function frameFrom(page: Page, origin: string, frames: Record<string, string>) {
  await page.goto(`${origin}/host?frames=${encodeURIComponent(JSON.stringify(frames))}`);
}

test("pages, the API and the widget carry the security headers; Next's scripts carry the request's nonce", async ({
  request,
}) => {
  const login = await request.get("/login");
  const csp = login.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(login.headers()).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
  expect(login.headers()["strict-transport-security"]).toBeUndefined();
  const html = await login.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // A fresh nonce for every response.
  expect((await request.get("/login")).headers()["content-security-policy"]).not.toContain(nonce!);

  const json = await request.get("/api/v1/agents", { headers: api() });
  expect(json.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
  expect(json.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const widget = await request.get(`/widget?tenant=${demo().tenantId}`);
  expect(widget.headers()["content-security-policy"]).not.toContain("frame-ancestors");
  expect(widget.headers()["x-frame-options"]).toBeUndefined();

  // Behind a TLS-terminating proxy: HSTS (browsers ignore it over plain HTTP, so it is never harmful).
  const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=63072000");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("no other site, even same-site, can frame the login or a signed-in settings page; the widget it can", async ({
  page,
  pageErrors,
}) => {
  pageErrors.allowConsoleErrors(/frame-ancestors/);
  await signIn(page, demoUser("admin"));
  const app = `http://localhost:${E2E_PORT}`;
  // Another port of localhost: same site, so the session cookie (SameSite=Lax) would go along.
  await frameFrom(page, `http://localhost:${HOST_SITE_PORT}`, {
    settings: `${app}/settings/agents`,
    login: `${app}/login`,
    widget: `${app}/widget?tenant=${demo().tenantId}`,
  });
  await expect(page.frameLocator("#widget").getByRole("button", { name: /talk to an agent/i })).toBeVisible();
  await expect.poll(() => pageErrors.seen.filter((line) => /frame-ancestors 'none'/.test(line)).length).toBe(2);
  await expect(page.frameLocator("#settings").getByRole("heading", { name: "Settings" })).toHaveCount(0);
  await expect(page.frameLocator("#login").getByLabel("Password")).toHaveCount(0);
});

test("an admin limits the widget to the tenant's own sites: they can frame it, others cannot", async ({
  page,
  pageErrors,
  request,
}) => {
  pageErrors.allowConsoleErrors(/frame-ancestors/);
  const app = `http://localhost:${E2E_PORT}`;
  const widgetUrl = `${app}/widget?tenant=${demo().tenantId}`;
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/live-chat");
  const sites = page.getByLabel("Sites that may embed the widget");
  await sites.fill("not a site");
  await page.getByRole("button", { name: "Save sites" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must be an origin" })).toBeVisible();
  const shop = `http://shop.localhost:${HOST_SITE_PORT}`;
  await sites.fill(`HTTP://Shop.Localhost:${HOST_SITE_PORT}/\nhttps://*.brand.example`);
  await page.getByRole("button", { name: "Save sites" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("2 sites");
  await expect(sites).toHaveValue(`${shop}\nhttps://*.brand.example`);
  try {
    expect((await (await request.get("/api/v1/settings", { headers: api() })).json()).widgetAllowedOrigins).toEqual([
      shop,
      "https://*.brand.example",
    ]);
    expect((await request.get(widgetUrl)).headers()["content-security-policy"]).toContain(
      `frame-ancestors 'self' ${shop} https://*.brand.example`,
    );

    const host = await page.context().newPage();
    await frameFrom(host, shop, { widget: widgetUrl });
    await expect(host.frameLocator("#widget").getByRole("button", { name: /talk to an agent/i })).toBeVisible();
    const other = await page.context().newPage();
    await frameFrom(other, `http://elsewhere.localhost:${HOST_SITE_PORT}`, { widget: widgetUrl });
    await expect
      .poll(() => pageErrors.seen.filter((line) => /frame-ancestors 'self'/.test(line)).length)
      .toBeGreaterThan(0);
    await expect(other.frameLocator("#widget").getByRole("button", { name: /talk to an agent/i })).toHaveCount(0);
  } finally {
    await sites.fill("");
    await page.getByRole("button", { name: "Save sites" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("any site");
  }
});

/** Sends only the headers of a POST declaring a body of `length` bytes, and reads the answer. */
function declaringBodyOf(
  length: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "localhost", port: E2E_PORT, method: "POST", path, headers: { ...headers, "content-length": length } },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    req.flushHeaders();
  });
}

test("bodies over the cap are refused with a JSON 413 before they are read, whoever sends them", async ({
  request,
}) => {
  const twoMegabytes = 2 * 1024 * 1024;
  // No API key: the size is refused before authentication even runs — and before a byte of the body is
  // sent (only the headers go: writing 2 MB the server will not read would end in a reset, not an answer).
  const api413 = await declaringBodyOf(twoMegabytes, "/api/v1/messages", { "content-type": "application/json" });
  expect(api413.status).toBe(413);
  expect(JSON.parse(api413.body)).toMatchObject({
    error: { code: "payload_too_large", details: { limitBytes: 1024 * 1024 } },
  });
  const widget413 = await request.post("/api/widget/session", {
    headers: { "content-type": "application/json" },
    data: "x".repeat(65 * 1024),
  });
  expect(widget413.status()).toBe(413);
  expect((await widget413.json()).error.message).toContain("64 KB");
  const signIn413 = await request.post("/api/auth/callback/credentials", {
    form: { email: "a@b.c", password: "x".repeat(70 * 1024) },
  });
  expect(signIn413.status()).toBe(413);
  const action413 = await declaringBodyOf(twoMegabytes, "/inbox", {
    "next-action": "x",
    origin: `http://localhost:${E2E_PORT}`,
    "content-type": "application/octet-stream",
  });
  expect(action413.status).toBe(413);
  // Without a signed-in session, a server action's body may be 16 KB: Next decodes it before the action can say
  // "sign in" (1 MB of nested JSON kept the server busy ~0.8 s). Signed in, the page's cap is 1 MB
  // (tests/e2e/inbox.spec.ts sends an 18 KB reply).
  const signedOut413 = await declaringBodyOf(20 * 1024, "/inbox", {
    "next-action": "x",
    origin: `http://localhost:${E2E_PORT}`,
    "content-type": "text/plain;charset=UTF-8",
    cookie: "next-auth.session-token=forged",
  });
  expect(signedOut413.status).toBe(413);
  expect(JSON.parse(signedOut413.body).error).toMatchObject({
    code: "payload_too_large",
    details: { limitBytes: 16384 },
  });

  // Sign-in must say how long its body is (browsers always do): a chunked one is refused unread.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "localhost",
        port: E2E_PORT,
        method: "POST",
        path: "/api/auth/callback/credentials",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write("email=a%40b.c&password=");
    req.end("x");
  });
  expect(chunked.status).toBe(411);
  expect(JSON.parse(chunked.body).error.code).toBe("length_required");
  // …and must be a form: next-auth would parse JSON before any sign-in limit counts the attempt.
  const signInJson = await request.post("/api/auth/callback/credentials", {
    headers: { "content-type": "application/json" },
    data: "[".repeat(60_000),
  });
  expect(signInJson.status()).toBe(415);
  expect((await signInJson.json()).error.code).toBe("unsupported_media_type");

  // Within the cap, the same endpoints answer as usual.
  expect(
    (
      await request.post("/api/v1/messages", {
        headers: api(),
        data: { channel: "webchat", from: "visitor-cap", text: "small" },
      })
    ).status(),
  ).toBe(202);
});

test("malformed percent-encoding and NUL in a URL answer a JSON 400, for pages and the API alike", async ({
  request,
}) => {
  for (const path of [
    "/api/v1/bans/%zz",
    "/api/v1/conversations/%E0%A4%A/status",
    "/inbox/%zz",
    "/api/v1/contacts/a%00b",
    "/api/v1/labels?q=%00",
    "/sessions?q=x%00",
  ]) {
    const res = await request.get(path, { headers: api() });
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"], path).toContain("application/json");
    expect((await res.json()).error.code, path).toBe("invalid_input");
  }
});

test("a server action posted from another site is refused with 403, not a 500", async ({ request }) => {
  for (const origin of ["http://evil.example", `http://localhost:${E2E_PORT + 1}`, "null"]) {
    const res = await request.post("/settings/agents", {
      headers: { "next-action": "7f".repeat(21), origin, "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(res.status(), origin).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden_origin" } });
  }
});

test("an agent opening admin pages sees why they cannot, and the server logs a 403 line, not a stack trace", async ({
  page,
}) => {
  const logStart = statSync(E2E_SERVER_LOG).size;
  const logSince = () => readFileSync(E2E_SERVER_LOG).subarray(logStart).toString("utf8");
  await signIn(page, demoUser("ann"));
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "Only admins manage campaigns" })).toBeVisible();
  await page.goto("/campaigns/new");
  await expect(page.getByRole("heading", { name: "Only admins manage campaigns" })).toBeVisible();
  await page.goto("/spam-manager");
  await expect(page.getByRole("heading", { name: /Only supervisors and admins/ })).toBeVisible();
  await page.goto("/settings/agents");
  await expect(page.getByText("Only admins can change settings.")).toBeVisible();
  await page.goto("/live-chat-blacklist");
  await page.waitForLoadState("networkidle");
  const logged = logSince();
  expect(logged).toContain("[page] 403 /campaigns:");
  expect(logged).not.toMatch(/⨯|Error: You are not allowed|^\s+at /m);
});

test("a bidi override in a contact's name stays inside the name", async ({ page, request }) => {
  const name = `\u202Eyrrab ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-bidi-${Date.now()}`,
    text: "hello",
    contact: { name },
  });
  await signIn(page, demoUser("admin"));
  const nameCell = page
    .getByTestId("conversation-row")
    .filter({ hasText: name.slice(1) })
    .locator("span", { hasText: name.slice(1) })
    .first();
  await expect(nameCell).toBeVisible();
  await expect.poll(() => nameCell.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe("isolate");
});
