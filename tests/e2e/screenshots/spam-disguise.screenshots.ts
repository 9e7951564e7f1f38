// Disguised strings in the Spam Manager (issue 17), for visual review at desktop (1440 px) and phone
// (390 px) width: `npm run screenshots` (not part of npm test).
import { expect, test } from "@playwright/test";
import { demo, demoUser, postIncomingMessage, signIn, unique } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

test("disguised strings: tab filter and sort, Spam History, rule dialog", async ({ browser, request }) => {
  const dir = screenshotsDir("spam-disguise");
  test.setTimeout(120_000);
  const id = unique();
  const texts = [
    `🎁 Claim your prize at hxxps://prize-${id}[.]xyz/claim?ref=77`,
    `prize-${id} dot xyz — last chance`,
    `Write to winner-${id} (at) mailbox (dot) org`,
    `Call O7781 482378 now`,
    `Track your parcel at parcel-${id}.com/track`,
    `prize-${id}.xyz/claim?ref=77 still open`,
    `https://very-long-subdomain-for-layout-${id}.example-shop.com/products/category/items?ref=campaign&utm=spam` +
      " (see e\u200Bxample-shop[.]com)",
  ];
  for (let i = 0; i < texts.length * 2; i++) {
    await postIncomingMessage(request, {
      channel: i % 3 === 0 ? "webchat" : "whatsapp",
      from: i % 3 === 0 ? `visitor-${id}-${i % 4}` : `+4477009${String(10000 + i).slice(-5)}`,
      text: texts[i % texts.length]!,
      contact: { name: ["Dana Deals", "Max Promo", "Sue Spamley", "Tom Tracker"][i % 4] },
    });
  }
  // The rule dialog needs an action to run.
  const action = await request.post("/api/v1/spam-actions", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { name: `Flag ${id}`, type: "flag_review" },
  });
  expect(action.status()).toBe(201);
  for (const [viewport, suffix] of [
    [{ width: 1440, height: 900 }, "desktop"],
    [{ width: 390, height: 844 }, "phone"],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await signIn(page, demoUser("supervisor"));
    await page.goto("/spam-manager/domains");
    await page.screenshot({ path: `${dir}/domains-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/urls?obf=1&sort=obfuscated");
    await page.screenshot({ path: `${dir}/urls-disguised-${suffix}.png`, fullPage: true });
    await page.getByTestId("spam-string-value").first().click();
    await expect(page.getByTestId("spam-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/url-history-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/emails");
    await page.getByTestId("spam-string-value").first().click();
    await expect(page.getByTestId("spam-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/email-history-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/phones?obf=1");
    await page.screenshot({ path: `${dir}/phones-disguised-${suffix}.png`, fullPage: true });
    await page.goto("/spam-manager/rules");
    await page.getByRole("button", { name: "New rule" }).click();
    const dialog = page.getByRole("dialog", { name: "New rule" });
    await dialog.getByLabel("When").selectOption("disguised_string");
    await dialog.getByLabel("Disguised").selectOption("links");
    await page.screenshot({ path: `${dir}/rule-dialog-${suffix}.png` });
    await page.close();
  }
});
