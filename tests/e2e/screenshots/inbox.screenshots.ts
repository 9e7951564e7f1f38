// A screen set of the inbox for visual review: `npm run screenshots` (not part of npm test), at
// 1440 px and 390 px (a touch phone), plus a tablet.
import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn, unique } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const VIEWPORTS = [
  [{ viewport: { width: 1440, height: 900 } }, "desktop"],
  [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, "phone"],
] as const;

test("inbox screens at desktop and phone width", async ({ browser, request, pageErrors }) => {
  // The failure states below are staged by refusing requests on purpose.
  pageErrors.allowConsoleErrors(/ERR_INTERNET_DISCONNECTED/, /status of 404 .*\/(inbox\/everything|no-such-page)\)$/);
  const dir = screenshotsDir("inbox");
  test.setTimeout(240_000);
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  const id = unique();
  // One conversation with a realistic back-and-forth and a long contact name, at the top of the lists.
  const name = `Margarethe Vandenberghe-Oyelaran ${id.slice(-3)}`;
  const from = `margarethe-${id}@example.com`;
  await postIncomingMessage(request, {
    channel: "email",
    from,
    text: "Hello! I ordered a standing desk three weeks ago (order #48213) and it still hasn't shipped.",
    contact: { name },
  });
  await postIncomingMessage(request, {
    channel: "email",
    from,
    text:
      'The tracking page at https://shop.example.com/orders/48213 just says "processing". ' +
      "Could you check what is going on? I need it before the end of the month.",
  });
  // A signed-in web-chat user, blocked from live chat and marked as spam: the states that must read in full.
  const troll = `Bartholomew Featherstonehaugh ${id.slice(-3)}`;
  const trollChat = await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-${id}`,
    text: "Buy followers cheap at followers-now.xyz/deal — best prices!!",
    contact: { name: troll, externalId: `user-${id}`, authenticated: true },
  });
  await request.post("/api/v1/livechat/block", {
    headers,
    data: { conversationId: trollChat.conversationId, BlockReason: "Spam links in the live chat" },
  });
  await request.post(`/api/v1/contacts/${trollChat.contactId}/spam`, {
    headers: { ...headers, "x-agent-id": demoUser("supervisor").id },
  });

  for (const [options, suffix] of VIEWPORTS) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, demoUser("ann"));
    await expect(page.getByTestId("connection-state")).toHaveText("Live");
    await page.screenshot({ path: `${dir}/list-${suffix}.png` });

    await page.getByTestId("conversation-row").filter({ hasText: name }).click();
    await expect(page.getByTestId("conversation-title")).toHaveText(name);
    await expect(page.getByTestId("message-in").first()).toBeVisible();
    if (suffix === "desktop") await expect(page.getByTestId("contact-name")).toHaveText(name);
    await page
      .getByRole("textbox", { name: "Reply" })
      .fill("Hi Margarethe, thanks for the order number!\nLet me check with the warehouse.");
    await page.screenshot({ path: `${dir}/conversation-${suffix}.png` });

    if (suffix === "phone") {
      await page.getByRole("button", { name: "Show user card" }).click();
      await expect(page.getByTestId("contact-name")).toHaveText(name);
      await page.screenshot({ path: `${dir}/user-card-${suffix}.png` });
      await page.getByRole("button", { name: "Back to the conversation" }).click();
      await page.getByRole("button", { name: "Back to the list" }).click();
    } else {
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.screenshot({ path: `${dir}/conversation-tablet.png` });
      await page.getByRole("button", { name: "Show user card" }).click();
      await expect(page.getByTestId("contact-name")).toHaveText(name);
      await page.screenshot({ path: `${dir}/user-card-tablet.png` });
      await page.setViewportSize(options.viewport);
    }

    // Blocked from live chat and marked as spam: the header, the lock notice, the user card.
    await page.goto(`/inbox/spam?c=${trollChat.conversationId}`);
    await expect(page.getByTestId("live-chat-blocked-badge")).toBeVisible();
    await page.screenshot({ path: `${dir}/blocked-spam-${suffix}.png` });
    if (suffix === "phone") {
      await page.getByRole("button", { name: "Show user card" }).click();
      await expect(page.getByTestId("contact-spam-status")).toBeVisible();
      await page.screenshot({ path: `${dir}/blocked-spam-user-card-${suffix}.png`, fullPage: true });
    }

    // The live-chat queue, with its count and Take next.
    await page.goto("/inbox/waiting");
    await expect(page.getByTestId("queue-bar")).toBeVisible();
    await page.screenshot({ path: `${dir}/waiting-${suffix}.png` });

    // Two chats ticked: the bulk bar.
    await page.goto("/inbox/all");
    await expect(page.getByTestId("connection-state")).toHaveText("Live");
    const boxes = page.getByRole("checkbox", { name: /^Select conversation with / });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.screenshot({ path: `${dir}/bulk-bar-${suffix}.png` });

    await showFailures(page);
    await page.screenshot({ path: `${dir}/failed-list-${suffix}.png` });
    await context.close();
  }

  // An empty list (the demo has something everywhere: its answer is staged).
  const empty = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(empty, demoUser("ann"));
  await expect(empty.getByTestId("connection-state")).toHaveText("Live");
  await empty.route(/\/api\/v1\/conversations\?list=waiting/, (route) =>
    route.fulfill({ json: { items: [], nextCursor: null } }),
  );
  await empty.getByTestId("list-tab-waiting").click();
  await expect(empty.getByText("Nobody is waiting")).toBeVisible();
  await empty.screenshot({ path: `${dir}/empty-list-desktop.png` });
  await empty.close();

  // The loading placeholders and the not-found page.
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, demoUser("ann"));
  await page.goto("/inbox/everything");
  await page.screenshot({ path: `${dir}/not-found-in-app.png` });
  await page.goto("/no-such-page");
  await page.screenshot({ path: `${dir}/not-found.png` });
  await page.close();
});

/** Switches to Unassigned with the API refusing: the list's failure state. */
async function showFailures(page: Page) {
  await page.route(/\/api\/v1\/conversations\?list=unassigned/, (route) => route.abort("internetdisconnected"));
  await page.getByTestId("list-tab-unassigned").click();
  await expect(page.getByTestId("list-failed")).toBeVisible();
  await page.unroute(/\/api\/v1\/conversations\?list=unassigned/);
}
