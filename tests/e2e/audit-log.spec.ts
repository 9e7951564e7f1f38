// Settings → Audit log: an admin's change shows up there, found with the filters by keyboard; the retention is
// on the page and changing it is itself recorded; an agent is told the page is for admins.
import { expect, test, demoUser, signIn } from "./support/fixtures";

test("an admin finds their change in the audit log with the filters; an agent is told it is for admins", async ({
  page,
  browser,
}) => {
  const labelName = `e2e-audit-${Date.now().toString(36)}`;
  await signIn(page, demoUser("admin"));

  // Something worth auditing: a new label.
  await page.goto("/settings/labels");
  await page.getByRole("button", { name: "Create label" }).click();
  const dialog = page.getByRole("dialog", { name: "Create label" });
  await dialog.getByLabel("Name").fill(labelName);
  await dialog.getByRole("button", { name: "Create label" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // 365 days unless a retried run changed it.
  const retention = page.getByTestId("audit-retention");
  await expect(retention).toHaveText(/^Entries are kept for \d+ days, then deleted\.$/);
  const before = Number((await retention.textContent())?.match(/\d+/)?.[0]);

  // The filters, by keyboard: What = "Label created", Who = the admin, from today; Enter submits.
  await page.getByLabel("What").selectOption("label.created");
  await page.getByLabel("Who").selectOption({ label: "Ada Admin" });
  const today = await page.evaluate(() => new Date().toLocaleDateString("en-CA"));
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
  await page.getByRole("button", { name: "Filter" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/action=label\.created/);
  await expect(page).toHaveURL(/timeZone=/);

  const rows = page.getByTestId("audit-row");
  const mine = rows.filter({ hasText: labelName });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Ada Admin");
  await expect(mine).toContainText("Created a label");
  await expect(mine.getByRole("link", { name: labelName })).toHaveAttribute("href", "/settings/labels");
  // Only label creations are listed.
  for (const action of await rows.evaluateAll((list) => list.map((row) => row.getAttribute("data-action"))))
    expect(action).toBe("label.created");

  // Its history: every entry about this label, whatever the filters were.
  await mine.getByRole("link", { name: "Its history" }).click();
  await expect(page).toHaveURL(/targetType=label&targetId=/);
  await expect(page.getByTestId("audit-one-target")).toContainText("The history of one label.");
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row")).toContainText("Created a label");
  await page.getByRole("link", { name: "Show every entry" }).click();
  await expect(page.getByTestId("audit-one-target")).toHaveCount(0);

  // Another group finds nothing of it.
  await page.getByLabel("What").selectOption("ban");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=ban(&|$)/);
  await expect(page.getByTestId("audit-row").filter({ hasText: labelName })).toHaveCount(0);

  // The retention: lowering it warns first; the change is an entry of its own.
  await page.getByRole("link", { name: "Clear filters" }).click();
  const days = page.getByLabel("Keep the audit log for (days)");
  await days.fill("10");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("must be at least 30 days")).toBeVisible();
  await days.fill("30");
  await expect(page.getByTestId("retention-warning")).toContainText("older than 30 days");
  const after = before + 35;
  await days.fill(String(after));
  await expect(page.getByTestId("retention-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(retention).toHaveText(`Entries are kept for ${after} days, then deleted.`);
  await expect(page.getByTestId("audit-row").first()).toContainText(
    `Set the audit log to keep ${after} days (was ${before} days)`,
  );

  // An agent: the page is for admins.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, demoUser("ann"));
  await agentPage.goto("/settings/audit-log");
  await expect(agentPage.getByText("Only admins can change settings.")).toBeVisible();
  await expect(agentPage.getByTestId("audit-log-table")).toHaveCount(0);
  await agentContext.close();
});
