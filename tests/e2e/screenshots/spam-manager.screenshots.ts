// A screen set of the Spam Manager for visual review: `npm run screenshots` (not part of npm test).
import { expect, test, demoUser, postIncomingMessage, signIn, unique } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

test("Spam Manager screens at desktop and phone width", async ({ browser, request }) => {
  const dir = screenshotsDir("spam-manager");
  test.setTimeout(120_000);
  const id = unique();
  const texts = [
    `WIN a FREE iPhone!! Claim at https://prize-${id}.xyz/claim?ref=77 or call +44 7700 900123`,
    `Cheap meds at pharma-${id}.top/buy — txt STOP to 81234`,
    `Contact me at deals-${id}@mailbox.org for crypto tips, crypto-${id}.io/join`,
    `Hey, is my order shipped? Tracking at ups.com/track?id=1Z999`,
    `prize-${id}.xyz/claim?ref=77 still open! Also prize-${id}.xyz/vip`,
  ];
  for (let i = 0; i < 12; i++) {
    await postIncomingMessage(request, {
      channel: i % 3 === 0 ? "webchat" : "whatsapp",
      from: i % 3 === 0 ? `visitor-${id}-${i % 4}` : `+1555${String(1000000 + i * 7919).slice(-7)}`,
      text: texts[i % texts.length]!,
      contact: { name: ["Dana Deals", "Max Promo", "Sue Spamley", "Tom Tracker"][i % 4] },
    });
  }
  for (const [options, suffix] of [
    [{ viewport: { width: 1440, height: 900 } }, "desktop"],
    [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, "phone"],
  ] as const) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, demoUser("supervisor"));
    await page.goto("/spam-manager/domains");
    await page.screenshot({ path: `${dir}/domains-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/urls");
    await page.getByTestId("spam-string-value").first().click();
    await expect(page.getByTestId("spam-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/url-history-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/lists");
    await page.screenshot({ path: `${dir}/lists-${suffix}.png`, fullPage: true });
    await page.getByTestId("list-entry-value").first().click();
    await expect(page.getByTestId("spam-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/denied-history-${suffix}.png` });
    await page
      .getByRole("button", { name: /^Ban posters of/ })
      .first()
      .click();
    await expect(
      page.getByRole("dialog", { name: "Ban everyone who posted this?" }).getByTestId("ban-preview"),
    ).toBeVisible();
    await page.screenshot({ path: `${dir}/ban-dialog-${suffix}.png` });
    await page.keyboard.press("Escape");
    await page.goto("/spam-manager/users");
    await page.screenshot({ path: `${dir}/users-${suffix}.png`, fullPage: true });
    await page.getByTestId("spam-user-row").first().getByRole("link").first().click();
    await expect(page.getByTestId("user-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/user-history-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/actions");
    await page.screenshot({ path: `${dir}/actions-${suffix}.png`, fullPage: true });
    await page.getByRole("button", { name: "New action" }).click();
    await page
      .getByRole("dialog", { name: "New action" })
      .getByRole("radio", { name: /Block for live chat/ })
      .check();
    await page.screenshot({ path: `${dir}/action-dialog-${suffix}.png` });
    await page.keyboard.press("Escape");
    await page.goto("/spam-manager/rules");
    await page.screenshot({ path: `${dir}/rules-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/log");
    await page.screenshot({ path: `${dir}/log-${suffix}.png`, fullPage: true });
    // A decision and its toast.
    await page.goto(`/spam-manager/domains?q=${id}`);
    await page
      .getByRole("button", { name: /^Deny / })
      .filter({ visible: true })
      .first()
      .click();
    await expect(page.getByTestId("toast")).toBeVisible();
    await page.waitForTimeout(600); // the toast's entrance animation
    await page.screenshot({ path: `${dir}/toast-${suffix}.png` });
    await context.close();
  }
  const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(admin, demoUser("admin"));
  await admin.goto("/settings/spam");
  await admin.screenshot({ path: `${dir}/settings.png`, fullPage: true });
  await admin.close();
  const tall = await browser.newPage({ viewport: { width: 390, height: 1700 } });
  await signIn(tall, demoUser("supervisor"));
  for (const tab of ["lists", "users", "log"]) {
    await tall.goto(`/spam-manager/${tab}`);
    await tall.screenshot({ path: `${dir}/${tab}-phone-tall.png` });
  }
  await tall.close();
  const ann = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(ann, demoUser("ann"));
  await ann.goto("/spam-manager");
  await ann.screenshot({ path: `${dir}/agent-refused.png` });
  await ann.close();
});
