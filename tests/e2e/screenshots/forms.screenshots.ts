// A screen set of the forms on react-hook-form and the shared dialogs, for visual review (`npm run
// screenshots`, not part of npm test): the campaign editor with field errors, the Spam Manager's
// action and rule dialogs, a confirm dialog, the settings forms after saving, and the list-plus-detail
// layout — at 1440 px and 390 px.
import { expect, test, demoUser, signIn } from "../support/fixtures";
import { screenshotsDir } from "./screenshots-dir";

const VIEWPORTS = [
  [{ viewport: { width: 1440, height: 900 } }, "desktop"],
  [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, "phone"],
] as const;

test("forms and shared dialogs at desktop and phone width", async ({ browser }) => {
  const dir = screenshotsDir("forms");
  test.setTimeout(180_000);
  for (const [options, suffix] of VIEWPORTS) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, demoUser("admin"));

    // Campaign editor: a trait condition left unfinished, then Save as draft shows the errors on their fields.
    await page.goto("/campaigns/new");
    await page.getByRole("button", { name: "Add condition" }).click();
    await expect(page.getByText(/Finish condition 2/)).toBeVisible();
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByText("Some fields need your attention.")).toBeVisible();
    await page.screenshot({ path: `${dir}/campaign-errors-${suffix}.png`, fullPage: true });

    // Spam Manager: the New action dialog (ban on a channel), and an empty reason refused on its field.
    await page.goto("/spam-manager/actions");
    await page.getByRole("button", { name: "New action" }).click();
    const actionDialog = page.getByRole("dialog", { name: "New action" });
    await actionDialog.getByLabel("Name").fill("Ban a month");
    await actionDialog.getByRole("radio", { name: /Ban on a channel/ }).check();
    await actionDialog.getByLabel("Expires after (days)").fill("30");
    await actionDialog.getByRole("button", { name: "Create action" }).click();
    await expect(actionDialog.getByText("must not be empty")).toBeVisible();
    await page.screenshot({ path: `${dir}/action-dialog-${suffix}.png` });
    await page.keyboard.press("Escape");
    await expect(actionDialog).toBeHidden();

    await page.goto("/spam-manager/rules");
    await page.getByRole("button", { name: "New rule" }).click();
    const ruleDialog = page.getByRole("dialog", { name: "New rule" });
    await ruleDialog.getByLabel("When").selectOption("disguised_string");
    await ruleDialog.getByLabel("Disguised").selectOption("links");
    await expect(ruleDialog).toContainText("When a message contains a disguised link");
    await page.screenshot({ path: `${dir}/rule-dialog-${suffix}.png` });
    await page.keyboard.press("Escape");

    // A confirm dialog (ConfirmDialog), then the settings forms after a save.
    await page.goto("/settings/labels");
    await page
      .getByRole("button", { name: /^Delete / })
      .first()
      .click();
    await expect(page.getByRole("dialog", { name: "Delete label" })).toBeVisible();
    await page.screenshot({ path: `${dir}/confirm-dialog-${suffix}.png` });
    await page.keyboard.press("Escape");

    await page.goto("/settings/spam");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.screenshot({ path: `${dir}/settings-spam-${suffix}.png`, fullPage: true });

    await page.goto("/settings/live-chat");
    await page.getByRole("button", { name: "Save flood limits" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.screenshot({ path: `${dir}/settings-live-chat-${suffix}.png`, fullPage: true });
    // The weekly schedule (shown, not saved: the switch goes back with the reload).
    await expect(page.getByTestId("working-hours-summary")).toContainText(/(open|closed) now/);
    if (await page.getByRole("switch", { name: "Always open" }).isChecked())
      await page.locator("label", { hasText: "Always open" }).click();
    await page.getByTestId("day-mon").getByRole("button", { name: "Hours" }).click();
    await page.getByTestId("day-mon").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/working-hours-${suffix}.png` });
    await page.reload();

    // List plus detail: a spam user's User History beside (or, on a phone, instead of) the list.
    await page.goto("/spam-manager/users");
    await page.getByTestId("spam-users-table").locator("a").first().click();
    await expect(page.getByTestId("user-history")).toBeVisible();
    await page.screenshot({ path: `${dir}/master-detail-${suffix}.png`, fullPage: true });
    await context.close();
  }
});
