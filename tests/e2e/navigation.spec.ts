// The main navigation names every place, works from the keyboard, and fits a phone.
import { expect, test, demoUser, signIn } from "./support/fixtures";

const PLACES = ["Inbox", "Sessions", "Spam Manager", "Live chat blocks", "Campaigns", "Settings"];

test("on a desktop the rail shows each place's name, and the keyboard reaches and opens them", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demoUser("admin"));
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const place of PLACES) {
    // The name is on screen, not only in a tooltip or for screen readers.
    await expect(nav.getByRole("link", { name: place, exact: true }).getByText(place, { exact: true })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Inbox", exact: true })).toHaveAttribute("aria-current", "page");

  // Tab from the top of the page: first a way past the navigation, then the places in order.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Bouncer home" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Sessions", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(nav.getByRole("link", { name: "Sessions", exact: true })).toHaveAttribute("aria-current", "page");
  for (let i = 0; i < 2; i++) await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Live chat blocks", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/live-chat-blacklist$/);
});

test("agents see only the places that are theirs", async ({ page }) => {
  await signIn(page, demoUser("ann"));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Sessions", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Spam Manager", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
});

test("on a phone the bottom bar names every place in short and fits the screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, demoUser("admin"));
  const nav = page.getByRole("navigation", { name: "Main" });
  // Short names where the bar is narrow: Spam Manager → Spam, Live chat blocks → Blocks.
  for (const short of ["Inbox", "Sessions", "Spam", "Blocks", "Campaigns", "Settings"]) {
    await expect(nav.getByRole("link", { name: short, exact: true }).getByText(short, { exact: true })).toBeVisible();
  }
  // The account page (Sign out, Sign out everywhere) stands where the rail's Sign out button does on a desktop.
  await expect(nav.getByRole("link", { name: "Your account" })).toBeVisible();
  await expect(nav.getByRole("button", { name: "Sign out" })).toBeHidden();
  // Every item on screen without scrolling the bar, each at least 44 px tall for a thumb.
  expect(await nav.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  const box = (await nav.getByRole("link", { name: "Blocks", exact: true }).boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await nav.getByRole("link", { name: "Spam", exact: true }).tap();
  await expect(page).toHaveURL(/\/spam-manager/);
  await nav.getByRole("link", { name: "Your account" }).tap();
  await page.getByRole("button", { name: "Sign out", exact: true }).tap();
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
