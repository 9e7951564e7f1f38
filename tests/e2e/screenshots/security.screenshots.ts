// The security screens for visual review (`npm run screenshots`): Your account, the agents page's
// session controls, the live-chat flood limits, and the widget telling a visitor the queue is busy.
import { expect, test } from "@playwright/test";
import { demo, demoUser, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const VIEWPORTS = [
  [{ width: 1440, height: 900 }, "desktop"],
  [{ width: 390, height: 844 }, "phone"],
] as const;

test("security screens at desktop and phone width", async ({ browser }) => {
  const dir = screenshotsDir("security");
  test.setTimeout(180_000);
  for (const [viewport, suffix] of VIEWPORTS) {
    const page = await browser.newPage({ viewport });
    await signIn(page, demoUser("admin"));
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await page.screenshot({ path: `${dir}/account-${suffix}.png`, fullPage: true });
    await page.goto("/settings/agents");
    const row = page.getByTestId(`agent-row-${demoUser("bob").email}`);
    await row.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.screenshot({ path: `${dir}/agents-set-password-${suffix}.png` });
    await page.keyboard.press("Escape");
    await page.screenshot({ path: `${dir}/agents-${suffix}.png`, fullPage: true });
    await page.goto("/settings/live-chat");
    // The settings pane scrolls inside the page: bring the section into view and shoot the viewport.
    await page
      .getByRole("heading", { name: "Flood limits" })
      .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${dir}/live-chat-flood-limits-${suffix}.png` });
    await page.close();
  }

  // The widget over the queue limit (set to 1 for the picture, then restored).
  const admin = await browser.newPage();
  await signIn(admin, demoUser("admin"));
  await admin.goto("/settings/live-chat");
  const limit = admin.getByLabel("Queue entries from one address, per 10 minutes");
  const original = await limit.inputValue();
  await limit.fill("1");
  await admin.getByRole("button", { name: "Save flood limits" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  try {
    for (const [viewport, suffix] of [...VIEWPORTS, ...VIEWPORTS]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`/widget?tenant=${demo().tenantId}`);
      await expect(page.getByTestId("widget-subtitle")).not.toHaveText("Connecting…");
      await page.getByRole("textbox", { name: "Message" }).fill("Hello, is anyone there?");
      await page.getByRole("textbox", { name: "Message" }).press("Enter");
      await page.getByRole("button", { name: "Talk to an agent" }).click();
      const busy = page.getByTestId("widget-notice").filter({ hasText: "Our agents are busy" });
      await busy.waitFor({ timeout: 5_000 }).catch(() => {});
      await page.screenshot({ path: `${dir}/widget-${(await busy.isVisible()) ? "busy" : "queued"}-${suffix}.png` });
      await page.close();
    }
  } finally {
    await admin.getByLabel("Queue entries from one address, per 10 minutes").fill(original);
    await admin.getByRole("button", { name: "Save flood limits" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await admin.close();
  }
});
