// Spam detection in the inbox (issue 18): with "move likely spam to Suspected", chats whose message
// scores at or above the threshold wait in Suspected with their score and reasons; an agent confirms
// (s: the user is marked as spam) or dismisses (d: not spam) with one key, or in bulk. The demo tenant
// is switched to that mode for this file and back afterwards (specs run one at a time).
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

const SPAM_TEXTS = [
  "WINNER!! You have been selected to receive a £900 prize reward! To claim call 09061701461. Valid 12 hours only.",
  "URGENT! You have won a guaranteed £1000 cash prize. To claim call 09061790121 now. T&C apply",
  "FREE entry into our £250 weekly competition just text the word WIN to 80086 NOW. 18 T&C www.txttowin.co.uk",
  "Congratulations ur awarded 500 of CD vouchers or 125gift guaranteed & Free entry 2 100 wkly draw txt MUSIC to 87066",
];

// Spam the team has not judged in this file (SMS Spam Collection texts): the first test dismisses
// SPAM_TEXTS[0] and [1] as not spam, which teaches the demo tenant's classifier that those very texts are
// not spam — posted again, they rightly score low.
const UNJUDGED_SPAM_TEXTS = [
  "PRIVATE! Your 2004 Account Statement for 07742676969 shows 786 unredeemed Bonus Points. " +
    "To claim call 08719180248 Identifier Code: 45239 Expires",
  "You are a winner U have been specially selected 2 receive £1000 or a 4* holiday (flights inc) " +
    "speak to a live operator 2 claim 0871277810910p/min (18+)",
];

const row = (page: Page, name: string) => page.getByTestId("conversation-row").filter({ hasText: name });

async function setDetection(request: APIRequestContext, spamDetectionMode: "scores" | "suspect") {
  const res = await request.patch("/api/v1/settings", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { spamDetectionMode, spamSuspectThreshold: 0.9 },
  });
  expect(res.status()).toBe(200);
}

test.describe("Suspected spam", () => {
  test.beforeAll(async ({ request }) => setDetection(request, "suspect"));
  test.afterAll(async ({ request }) => setDetection(request, "scores"));

  test("confirm and dismiss with one key each, in bulk, and from the conversation", async ({ page, request }) => {
    const stamp = Date.now().toString(36);
    const names = SPAM_TEXTS.map((_, i) => `Suspect ${String.fromCharCode(65 + i)} ${stamp}`);
    // Oldest first: the list shows the newest (D) at the top.
    for (const [i, name] of names.entries()) {
      await postIncomingMessage(request, {
        channel: "whatsapp",
        from: `+1555${(Date.now() + i).toString().slice(-7)}`,
        text: SPAM_TEXTS[i]!,
        contact: { name },
      });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, demoUser("ann"));
    await expect(page.getByTestId("connection-state")).toHaveText("Live");
    for (const name of names) await expect(row(page, name)).toHaveCount(0);
    await expect(page.getByTestId("list-count-suspected")).toHaveText(String(names.length));

    // Seven lists in the 20–25 rem column: each tab (its count too) is whole, the Spam tab last included.
    const tabsFit = () =>
      page.getByRole("navigation", { name: "Inbox lists" }).evaluate((row) => {
        const { left, right } = row.getBoundingClientRect();
        return [...row.children].every((tab) => {
          const box = tab.getBoundingClientRect();
          return box.left >= left - 0.5 && box.right <= right + 0.5;
        });
      });
    expect(await tabsFit()).toBe(true);
    await page.getByTestId("list-tab-suspected").click();
    await expect(page).toHaveURL(/\/inbox\/suspected/);
    await expect(page.getByTestId("suspected-bar")).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await tabsFit()).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const name of names) {
      await expect(row(page, name).getByTestId("spam-score")).toHaveText(/^Likely spam 9\d%|^Likely spam 100%/);
      await expect(row(page, name).getByTestId("spam-reasons")).toContainText("Why:");
    }

    // Keyboard: j focuses the newest (D); d dismisses it; the next (C) takes the focus; s confirms it.
    await page.keyboard.press("j");
    await expect(row(page, names[3]!)).toHaveAttribute("data-focused", "true");
    await page.keyboard.press("d");
    await expect(row(page, names[3]!)).toHaveCount(0);
    await expect(page.getByTestId("list-count-suspected")).toHaveText("3");
    await expect(row(page, names[2]!)).toHaveAttribute("data-focused", "true");
    await page.keyboard.press("s");
    await expect(row(page, names[2]!)).toHaveCount(0);
    await expect(page.getByTestId("list-count-suspected")).toHaveText("2");

    // The dismissed chat is back in All (unassigned, so in Unassigned too); the confirmed one is in Spam.
    await page.getByTestId("list-tab-all").click();
    await expect(row(page, names[3]!)).toBeVisible();
    await page.getByTestId("list-tab-spam").click();
    await expect(row(page, names[2]!).getByTestId("spam-flag")).toBeVisible();

    // The conversation view shows the score, the reasons and both verdicts.
    await page.getByTestId("list-tab-suspected").click();
    await row(page, names[1]!).click();
    const panel = page.getByTestId("spam-score-panel");
    await expect(panel).toContainText(/Suspected spam · (9\d|100)%/);
    await expect(panel.getByRole("button", { name: "Confirm spam" })).toBeVisible();
    await expect(page.getByTestId("message-in").getByTestId("spam-score")).toBeVisible();

    // Bulk: tick the two left and dismiss them together.
    for (const name of names.slice(0, 2))
      await page.getByRole("checkbox", { name: `Select conversation with ${name}` }).check();
    const bulk = page.getByRole("region", { name: "Bulk actions" });
    await expect(bulk.getByRole("button", { name: "Confirm spam" })).toBeVisible();
    await bulk.getByRole("button", { name: "Not spam" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 chats dismissed as not spam" })).toBeVisible();
    for (const name of names.slice(0, 2)) await expect(row(page, name)).toHaveCount(0);
    await expect(page.getByTestId("list-count-suspected")).toHaveText("0");
    await expect(page.getByText("Nothing suspected")).toBeVisible();
  });

  test("bulk confirm marks every selected user as spam", async ({ page, request }) => {
    const stamp = Date.now().toString(36);
    const names = [`Bulk suspect A ${stamp}`, `Bulk suspect B ${stamp}`];
    for (const [i, name] of names.entries()) {
      await postIncomingMessage(request, {
        channel: "messenger",
        from: `suspect-${stamp}-${i}`,
        text: UNJUDGED_SPAM_TEXTS[i]!,
        contact: { name },
      });
    }
    await signIn(page, demoUser("admin"));
    await page.getByTestId("list-tab-suspected").click();
    for (const name of names) await page.getByRole("checkbox", { name: `Select conversation with ${name}` }).check();
    await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Confirm spam" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 users marked as spam" })).toBeVisible();
    for (const name of names) await expect(row(page, name)).toHaveCount(0);
    await page.getByTestId("list-tab-spam").click();
    for (const name of names) await expect(row(page, name)).toBeVisible();
  });

  test("Settings → Spam detection shows the mode, the threshold and how it measured on the team's verdicts", async ({
    page,
  }) => {
    await signIn(page, demoUser("admin"));
    await page.goto("/settings/spam-detection");
    await expect(page.getByRole("heading", { name: "Spam detection" })).toBeVisible();
    await expect(page.getByTestId("spam-detection-mode-suspect")).toBeChecked();
    await expect(page.getByLabel("Suspect a chat at a score of")).toHaveValue("0.9");
    // The demo's team has marked users as spam (and this file confirmed and dismissed): measured.
    await expect(page.getByTestId("spam-threshold-measure")).toContainText(/precision \d/);
  });
});
