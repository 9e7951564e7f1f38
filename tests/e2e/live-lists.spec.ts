// The Blacklist and the Live Chat Blacklist follow what happens without a reload (components/live-list.tsx):
// a ban placed through the API (blacklist.changed) and a live-chat block (contact.updated with the contact's
// live-chat state) appear in an admin's open page as they are placed.
import type { APIRequestContext } from "@playwright/test";
import {
  expect,
  test,
  demo,
  demoUser,
  postIncomingMessage,
  signIn,
  unique,
  markDocument,
  notReloaded,
} from "./support/fixtures";
import { screenshotsDir } from "./screenshots/screenshots-dir";

const headers = () => ({ authorization: `Bearer ${demo().apiKey}` });

async function placeBan(request: APIRequestContext, identifier: string) {
  const response = await request.post("/api/v1/bans", {
    headers: headers(),
    data: { channel: "email", identifier, reason: "Phishing mails, live" },
  });
  expect(response.status()).toBe(201);
}

test("an admin's open Blacklist shows bans placed through the API, without a reload, at 1440 and 390 px", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/blacklist");
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  const dir = screenshotsDir("live-lists");

  const wide = `live-wide-${unique()}@example.com`;
  await placeBan(page.request, wide);
  const wideRow = page.getByTestId("ban-row").filter({ hasText: wide });
  await expect(wideRow).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("live-updated")).toBeVisible();
  expect(await notReloaded(page)).toBe(true);
  await page.screenshot({ path: `${dir}/blacklist-live-desktop.png` });

  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = `live-phone-${unique()}@example.com`;
  await placeBan(page.request, narrow);
  const narrowRow = page.getByTestId("ban-row").filter({ hasText: narrow });
  await expect(narrowRow).toBeVisible({ timeout: 10_000 });
  expect(await notReloaded(page)).toBe(true);
  await page.screenshot({ path: `${dir}/blacklist-live-phone.png` });

  // On a later page the rows hold still: the news waits in a button. (This run's bans, searched: a real page 2.)
  await page.setViewportSize({ width: 1440, height: 900 });
  const batch = `live-batch-${unique()}`;
  for (let i = 0; i < 26; i++) await placeBan(page.request, `${batch}-${i}@example.com`);
  await page.goto(`/settings/blacklist?q=${batch}`);
  await expect(page.getByTestId("ban-row")).toHaveCount(25);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await expect(page.getByTestId("ban-row")).toHaveCount(1);
  const secondPageRow = await page.getByTestId("ban-row").getAttribute("data-ban-id");
  await expect(page.getByRole("link", { name: "Previous page" })).toBeVisible();
  await markDocument(page);
  await placeBan(page.request, `${batch}-late@example.com`);
  const pending = page.getByTestId("live-pending");
  // The batch's last coalesced event may still arrive after the page loaded: counted too.
  await expect(pending).toHaveText(/\d+ new bans?\s*Show/, { timeout: 10_000 });
  await page.screenshot({ path: `${dir}/blacklist-pending-desktop.png` });
  await pending.click();
  await expect(pending).toBeHidden();
  // Asked for, the same page renders again: it starts after the same row (keyset), so the newest ban, on
  // page 1, pushes nothing onto it.
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByTestId("live-updated")).toBeVisible();
  await expect(page.getByTestId("ban-row")).toHaveCount(1);
  expect(await page.getByTestId("ban-row").getAttribute("data-ban-id")).toBe(secondPageRow);
  expect(await notReloaded(page)).toBe(true);
  // Previous: the 25 rows before that same row, the new ban now among them.
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByTestId("ban-row")).toHaveCount(25);
  // An old link's page number is still answered (the page before keyset cursors).
  await page.goto(`/settings/blacklist?q=${batch}&page=2`);
  await expect(page.getByTestId("ban-row")).toHaveCount(2);
});

test("an admin's open Live Chat Blacklist shows a block placed through the API, without a reload", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demoUser("admin"));
  await page.goto("/live-chat-blacklist");
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);

  const stamp = unique();
  const name = `Live Blocked ${stamp}`;
  const chat = await postIncomingMessage(page.request, {
    channel: "webchat",
    from: `visitor-live-${stamp}`,
    text: "Buy followers at followers-now.xyz",
    contact: { name, externalId: `user-live-${stamp}`, authenticated: true },
  });
  const response = await page.request.post("/api/v1/livechat/block", {
    headers: headers(),
    data: { conversationId: chat.conversationId, BlockReason: "Spam in the live chat, live" },
  });
  expect(response.status()).toBe(200);

  const row = page.getByTestId("live-chat-block-row").filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText("Spam in the live chat, live");
  expect(await notReloaded(page)).toBe(true);
  await page.screenshot({ path: `${screenshotsDir("live-lists")}/live-chat-blocks-live-desktop.png` });
});
