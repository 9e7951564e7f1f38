// Every page renders in the browser exactly as the server rendered it: no React hydration error (#418)
// and nothing else in the console. The browser here sits in another time zone and language than the
// server (Auckland, German), so any time, date or relative age that the server renders and the browser
// renders again would differ and fail this test (the shared fixture fails on page and console errors).
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

const PAGES = [
  "/inbox/all",
  "/inbox/waiting",
  "/inbox/resolved",
  "/inbox/spam",
  "/sessions",
  "/spam-manager/domains",
  "/spam-manager/urls",
  "/spam-manager/lists",
  "/spam-manager/users",
  "/spam-manager/actions",
  "/spam-manager/rules",
  "/spam-manager/log",
  "/live-chat-blacklist",
  "/campaigns",
  "/settings/general",
  "/settings/agents",
  "/settings/labels",
  "/settings/live-chat",
  "/settings/blacklist?active=1&inactive=1",
  "/settings/spam",
  "/settings/api-keys",
  "/settings/audit-log",
];

test("no page hydrates differently in a browser far from the server's time zone and language", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  // A conversation with timeline events whose sentences hold times (a live-chat block), opened below.
  const stamp = Date.now().toString(36);
  const chat = await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-h-${stamp}`,
    text: "hello",
    contact: { name: `Far Away ${stamp}` },
  });
  expect(
    (
      await request.post("/api/v1/livechat/block", {
        headers,
        data: { conversationId: chat.conversationId, BlockReason: "Testing times" },
      })
    ).status(),
  ).toBe(200);

  const context = await browser.newContext({
    timezoneId: "Pacific/Auckland",
    locale: "de-DE",
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await signIn(page, demoUser("admin"));
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    // Hydration has run (and reported any mismatch) once the page's scripts are idle.
    await page.waitForLoadState("networkidle");
  }
  await page.goto(`/inbox/all?c=${chat.conversationId}`);
  await expect(page.getByTestId("live-chat-blocked-badge")).toContainText("Live chat blocked until");
  await expect(page.getByTestId("timeline-event").filter({ hasText: "Blocked from live chat until" })).toBeVisible();
  await page.goto(`/sessions/${chat.conversationId}`);
  await expect(page.getByTestId("timeline-event").filter({ hasText: "Blocked from live chat until" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await context.close();
});
