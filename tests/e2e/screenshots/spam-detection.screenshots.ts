// Spam detection (issue 18), for visual review at desktop (1440 px) and phone (390 px) width:
// the Suspected list, a suspected conversation with its score panel, the settings page and the score
// rule in the rule dialog. `npm run screenshots` (not part of npm test). Switches the demo tenant to
// "move likely spam to Suspected" and back.
import { expect, test } from "@playwright/test";
import { demo, demoUser, postIncomingMessage, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const SPAM = [
  "WINNER!! You have been selected to receive a £900 prize reward! To claim call 09061701461. Valid 12 hours only.",
  "URGENT! You have won a guaranteed £1000 cash prize. To claim call 09061790121 now. T&C apply",
  "FREE entry into our £250 weekly competition just text the word WIN to 80086 NOW. 18 T&C www.txttowin.co.uk",
];

test("spam detection: Suspected list, conversation, settings, score rule", async ({ browser, request }) => {
  const dir = screenshotsDir("spam-detection");
  test.setTimeout(180_000);
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  const set = async (spamDetectionMode: string) =>
    expect(
      (
        await request.patch("/api/v1/settings", { headers, data: { spamDetectionMode, spamSuspectThreshold: 0.9 } })
      ).status(),
    ).toBe(200);
  await set("suspect");
  try {
    const stamp = Date.now().toString(36);
    for (const [i, text] of SPAM.entries()) {
      await postIncomingMessage(request, {
        channel: i === 1 ? "email" : "whatsapp",
        from: i === 1 ? `prizes-${stamp}@example.com` : `+4477009${String(20000 + i)}`,
        text,
        contact: { name: ["Prize Desk", "Lucky Draw Team", "Win Weekly"][i] },
      });
    }
    await request.post("/api/v1/spam-actions", { headers, data: { name: `Mark ${stamp}`, type: "mark_spam" } });
    for (const [viewport, suffix] of [
      [{ width: 1440, height: 900 }, "desktop"],
      [{ width: 390, height: 844 }, "phone"],
    ] as const) {
      const page = await browser.newPage({ viewport, hasTouch: suffix === "phone", isMobile: suffix === "phone" });
      await signIn(page, demoUser("supervisor"));
      await page.goto("/inbox/suspected");
      await expect(page.getByTestId("conversation-row").first()).toBeVisible();
      await page.screenshot({ path: `${dir}/suspected-list-${suffix}.png` });
      await page.getByTestId("conversation-row").first().click();
      await expect(page.getByTestId("spam-score-panel")).toBeVisible();
      await page.screenshot({ path: `${dir}/suspected-conversation-${suffix}.png` });
      await page.goto("/inbox/all");
      await page.screenshot({ path: `${dir}/all-with-scores-${suffix}.png` });
      await page.close();

      const admin = await browser.newPage({ viewport, hasTouch: suffix === "phone", isMobile: suffix === "phone" });
      await signIn(admin, demoUser("admin"));
      await admin.goto("/settings/spam-detection");
      await admin.screenshot({ path: `${dir}/settings-${suffix}.png`, fullPage: true });
      await admin.goto("/spam-manager/rules");
      await admin.getByRole("button", { name: "New rule" }).click();
      const dialog = admin.getByRole("dialog", { name: "New rule" });
      await dialog.getByLabel("When").selectOption("spam_score");
      await admin.screenshot({ path: `${dir}/rule-dialog-${suffix}.png` });
      await admin.close();
    }
  } finally {
    await set("scores");
  }
});
