// The shared table (components/ui/data-table.tsx) on a few of its pages, for visual review:
// `npm run screenshots -- tables` — at 1280 px and at 390 px, where a table scrolls sideways in its box
// (the Spam Manager's log) or shows its rows as cards (`phoneCards`: API keys, both blacklists).
import { test, demo, demoUser, postIncomingMessage, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const PAGES = [
  ["settings-api-keys", "/settings/api-keys"],
  ["live-chat-blacklist", "/live-chat-blacklist?status=all"],
  ["settings-blacklist", "/settings/blacklist?active=1&inactive=1"],
  ["spam-manager-log", "/spam-manager/log"],
] as const;

const VIEWPORTS = [
  [{ viewport: { width: 1280, height: 800 } }, "desktop"],
  [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, "phone"],
] as const;

test("tables at desktop and phone width", async ({ browser, request }) => {
  const dir = screenshotsDir("tables");
  test.setTimeout(180_000);
  // A live-chat block of this run, so the blacklist's table has a row.
  const stamp = Date.now().toString(36);
  const chat = await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-t-${stamp}`,
    text: "hello",
    contact: { name: `Table Visitor ${stamp}` },
  });
  await request.post("/api/v1/livechat/block", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { conversationId: chat.conversationId, BlockReason: "Shouting at the team in capitals" },
  });
  for (const [options, suffix] of VIEWPORTS) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, demoUser("admin"));
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: true });
    }
    await context.close();
  }
});
