// A screen set of the admin and abuse-handling pages for visual review: `npm run screenshots`
// (not part of npm test): settings tabs, Blacklist, Sessions, Live chat blocks, Campaigns, the widget
// (queued, and blocked while waiting), sign-in — at 1440 px and 390 px.
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const PAGES = [
  ["settings-general", "/settings/general"],
  ["settings-agents", "/settings/agents"],
  ["settings-labels", "/settings/labels"],
  ["settings-live-chat", "/settings/live-chat"],
  ["settings-blacklist", "/settings/blacklist?active=1&inactive=1"],
  ["settings-spam", "/settings/spam"],
  ["settings-api-keys", "/settings/api-keys"],
  ["settings-audit-log", "/settings/audit-log"],
  ["sessions", "/sessions"],
  ["sessions-banned", "/sessions?status=banned"],
  ["live-chat-blacklist", "/live-chat-blacklist"],
  ["campaigns", "/campaigns"],
  ["campaign-new", "/campaigns/new"],
] as const;

const VIEWPORTS = [
  [{ viewport: { width: 1440, height: 900 } }, "desktop"],
  [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, "phone"],
] as const;

test("admin and abuse-handling screens at desktop and phone width", async ({ browser, request, pageErrors }) => {
  // The sign-in screens show a refused password on purpose.
  pageErrors.allowConsoleErrors(/status of 401 .*\/api\/auth\/callback\/credentials/);
  const dir = screenshotsDir("admin");
  test.setTimeout(240_000);
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  // A ban and a live-chat block of this run, beside the demo's.
  const stamp = Date.now().toString(36);
  await request.post("/api/v1/bans", {
    headers,
    data: { channel: "whatsapp", identifier: "+44 7700 900777", reason: "Threatened staff on WhatsApp" },
  });
  const chat = await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-${stamp}`,
    text: "you are all useless",
    contact: { name: "Angry Visitor", externalId: `user-${stamp}`, authenticated: true },
  });
  await request.post("/api/v1/livechat/block", {
    headers,
    data: { conversationId: chat.conversationId, BlockReason: "Insults in the live chat" },
  });

  for (const [options, suffix] of VIEWPORTS) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, demoUser("admin"));
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await expect(page.locator("main").first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: true });
    }
    await page.goto("/sessions");
    await page.locator("main a[href^='/sessions/']").first().click();
    await expect(page).toHaveURL(/\/sessions\/.+/);
    await page.screenshot({ path: `${dir}/session-detail-${suffix}.png`, fullPage: true });
    await context.close();

    // The widget: a visitor in the queue, then blocked while waiting (told at once, never why).
    const visitorContext = await browser.newContext(options);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/widget?tenant=${demo().tenantId}`);
    await expect(visitor.getByTestId("widget-subtitle")).not.toHaveText("Connecting…");
    await visitor.screenshot({ path: `${dir}/widget-${suffix}.png`, fullPage: true });
    const words = `Where is my parcel ${stamp}-${suffix}?`;
    await visitor.getByRole("textbox", { name: "Message" }).fill(words);
    await visitor.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(visitor.getByTestId("widget-message-mine")).toHaveCount(1);
    await visitor.getByRole("button", { name: "Talk to an agent" }).click();
    await expect(visitor.getByTestId("widget-status")).toContainText(/in the queue/);
    await visitor.screenshot({ path: `${dir}/widget-queued-${suffix}.png`, fullPage: true });
    const waiting = (await (await request.get("/api/v1/conversations?list=waiting&limit=100", { headers })).json()) as {
      items: Array<{ id: string; lastMessagePreview: string }>;
    };
    const queued = waiting.items.find(
      (item) => item.lastMessagePreview.includes(stamp) && item.lastMessagePreview.includes(suffix),
    )!;
    await request.post("/api/v1/livechat/block", {
      headers,
      data: { conversationId: queued.id, BlockReason: "Flooding the queue" },
    });
    await expect(visitor.getByTestId("widget-notice")).toBeVisible();
    await visitor.screenshot({ path: `${dir}/widget-blocked-${suffix}.png`, fullPage: true });
    await visitorContext.close();

    // Sign-in, refused.
    const signInContext = await browser.newContext(options);
    const login = await signInContext.newPage();
    await login.goto("/login");
    await login.getByLabel("Email").fill(demoUser("ann").email);
    await login.getByLabel("Password").fill("not the password");
    await login.getByRole("button", { name: "Sign in" }).click();
    await expect(login.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await login.screenshot({ path: `${dir}/login-refused-${suffix}.png` });
    await signInContext.close();
  }
});
