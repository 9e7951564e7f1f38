// A screen set of the inbox for visual review: `npm run screenshots` (not part of npm test).
import type { Page } from "@playwright/test";
import { expect, test, demoUser, postIncomingMessage, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

test("inbox screens at desktop and phone width", async ({ browser, request }) => {
  const dir = screenshotsDir("inbox");
  test.setTimeout(120_000);
  const id = unique();
  // One conversation with a realistic back-and-forth and a long contact name, at the top of the lists.
  const name = `Margarethe Vandenberghe-Oyelaran ${id.slice(-3)}`;
  const from = `margarethe-${id}@example.com`;
  await postIncomingMessage(request, { channel: "email", from, text: "Hello! I ordered a standing desk three weeks ago (order #48213) and it still hasn't shipped.", contact: { name } });
  await postIncomingMessage(request, {
    channel: "email",
    from,
    text: "The tracking page at https://shop.example.com/orders/48213 just says \"processing\". Could you check what is going on? I need it before the end of the month.",
  });

  for (const [viewport, suffix] of [
    [{ width: 1366, height: 800 }, "desktop"],
    [{ width: 390, height: 844 }, "phone"],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await signIn(page, demoUser("ann"));
    await expect(page.getByTestId("connection-state")).toHaveText("Live");
    await page.screenshot({ path: `${dir}/list-${suffix}.png` });

    await page.getByTestId("conversation-row").filter({ hasText: name }).click();
    await expect(page.getByTestId("conversation-title")).toHaveText(name);
    await expect(page.getByTestId("message-in").first()).toBeVisible();
    if (suffix === "desktop") await expect(page.getByTestId("contact-name")).toHaveText(name);
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
      await page.setViewportSize(viewport);
    }

    // Nobody is marked as spam in the demo data: an empty list.
    await page.getByTestId("list-tab-spam").click();
    await expect(page.getByText("No spam")).toBeVisible();
    await page.screenshot({ path: `${dir}/empty-list-${suffix}.png` });

    await showFailures(page);
    await page.screenshot({ path: `${dir}/failed-list-${suffix}.png` });
    await page.close();
  }

  // The loading placeholders and the not-found page.
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
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
