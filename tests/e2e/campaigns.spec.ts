import { expect, test, demo, demoUser, signIn } from "./support/fixtures";

test("an admin builds a one-time campaign for one channel, sees its audience, sends it and finds it sent", async ({
  page,
  request,
}) => {
  await signIn(page, demoUser("admin"));
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page.getByRole("heading", { name: "New campaign" })).toBeVisible();

  await page.getByLabel("Name").fill("WhatsApp spring news");
  await expect(page.getByRole("radio", { name: /One-time/ })).toBeChecked();
  const count = page.getByTestId("audience-count");
  await page.getByLabel("Condition 1: channel").selectOption("whatsapp");
  await expect(page.getByText("Delivered on WhatsApp")).toBeVisible();
  await expect(count).toContainText(/contacts? match/);
  const matching = Number((await count.textContent())!.replace(/\D/g, ""));
  expect(matching).toBeGreaterThan(0);
  // The size follows the conditions as they change.
  await page.getByLabel("Condition 1: comparison").selectOption("neq");
  await expect(count).not.toHaveText(new RegExp(`^${matching} contacts match`));
  await page.getByLabel("Condition 1: comparison").selectOption("eq");
  await expect(count).toHaveText(new RegExp(`^${matching} contacts match`));

  // A condition can be added and removed again.
  await page.getByRole("button", { name: "Add condition" }).click();
  await expect(page.getByText(/Finish condition 2/)).toBeVisible();
  await page.getByRole("button", { name: "Remove condition 2" }).click();
  await expect(count).toHaveText(new RegExp(`^${matching} contacts match`));

  await page.getByLabel("Message").fill("Spring is here: our support hours are now 8–20 every day.");
  await page.getByRole("button", { name: "Send now…" }).click();
  const dialog = page.getByRole("dialog", { name: "Send this campaign now?" });
  await expect(dialog).toContainText(`${matching} contacts match now`);
  await expect(dialog).toContainText("on WhatsApp");
  await dialog.getByRole("button", { name: `Send to ${matching} contacts` }).click();

  await expect(page.getByRole("heading", { name: "WhatsApp spring news" })).toBeVisible();
  await expect(page.getByTestId("recipient-count")).toHaveText(String(matching));
  await expect(page.getByTestId("campaign-status").first()).toHaveText("Sent");

  await page.goto("/campaigns");
  const row = page.getByTestId("campaign-row-WhatsApp spring news");
  await expect(row).toContainText("Sent");
  await expect(row).toContainText(`${matching} recipients`);

  // The channel connector finds one WhatsApp message per recipient in the outbox.
  const outbox = await request.get("/api/v1/outbox?channel=whatsapp&limit=500", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
  });
  const items = ((await outbox.json()) as { items: Array<{ campaignId: string | null; body: string }> }).items.filter(
    (i) => i.campaignId,
  );
  expect(items).toHaveLength(matching);
  expect(items.every((i) => i.body.startsWith("Spring is here"))).toBe(true);
});

test("agents who are not admins are told campaigns are for admins", async ({ page }) => {
  await signIn(page, demoUser("ann"));
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "Only admins manage campaigns" })).toBeVisible();
  await page.goto("/campaigns/new");
  await expect(page.getByRole("heading", { name: "Only admins manage campaigns" })).toBeVisible();
});
