// A screen set of the admin and abuse-handling pages for visual review: `npm run screenshots`
// (not part of npm test): settings tabs, Blacklist, Sessions, Live chat blocks, Campaigns, the widget.
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const PAGES = [
  ["settings-general", "/settings/general"],
  ["settings-agents", "/settings/agents"],
  ["settings-labels", "/settings/labels"],
  ["settings-live-chat", "/settings/live-chat"],
  ["settings-blacklist", "/settings/blacklist"],
  ["settings-spam", "/settings/spam"],
  ["settings-api-keys", "/settings/api-keys"],
  ["sessions", "/sessions"],
  ["live-chat-blacklist", "/live-chat-blacklist"],
  ["campaigns", "/campaigns"],
  ["campaign-new", "/campaigns/new"],
] as const;

test("admin and abuse-handling screens at desktop and phone width", async ({ browser, request }) => {
  const dir = screenshotsDir("admin");
  test.setTimeout(180_000);
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  // A ban and a live-chat block, so their pages have rows.
  const stamp = Date.now().toString(36);
  await request.post("/api/v1/bans", { headers, data: { channel: "whatsapp", identifier: "+44 7700 900777", reason: "Threatened staff on WhatsApp" } });
  const chat = await postIncomingMessage(request, { channel: "webchat", from: `visitor-${stamp}`, text: "you are all useless", contact: { name: "Angry Visitor", externalId: `user-${stamp}`, authenticated: true } });
  await request.post("/api/v1/livechat/block", { headers, data: { conversationId: chat.conversationId, BlockReason: "Insults in the live chat" } });

  for (const [viewport, suffix] of [
    [{ width: 1366, height: 800 }, "desktop"],
    [{ width: 390, height: 844 }, "phone"],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await signIn(page, demoUser("admin"));
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await expect(page.locator("main")).toBeVisible();
      await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: true });
    }
    await page.goto("/sessions");
    await page.locator("main a[href^='/sessions/']").first().click();
    await expect(page).toHaveURL(/\/sessions\/.+/);
    await page.screenshot({ path: `${dir}/session-detail-${suffix}.png`, fullPage: true });
    await page.goto(`/widget?tenant=${demo().tenantId}`);
    await page.screenshot({ path: `${dir}/widget-${suffix}.png`, fullPage: true });
    await page.close();
  }
});
