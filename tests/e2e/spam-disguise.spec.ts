// Disguised spam strings in the Spam Manager (issue 17): a supervisor sees a disguised link counted
// with its plain form, filters and sorts the tab by disguise, reads how each post wrote it, and sets
// up a rule on "a message contains a disguised link".
import type { Page } from "@playwright/test";
import { demoUser, expect, postIncomingMessage, signIn, test, unique } from "./support/fixtures";

let counter = 0;
const phone = () => `+1555${String(Date.now() + counter++).slice(-7)}`;
const row = (page: Page, text: string) => page.getByTestId("spam-string-row").filter({ hasText: text });

test("a disguised link is one string with its plain form, filterable, sortable, showing how it was written", async ({
  page,
  request,
}) => {
  const id = unique();
  const sneaky = `sneaky-${id}.com`;
  const plain = `plain-${id}.com`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone(),
    text: `Win now: hxxps://sneaky-${id}[.]com/win`,
    contact: { name: "Dee Fanged" },
  });
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone(),
    text: `or sneaky-${id} dot com`,
    contact: { name: "Word Dotter" },
  });
  await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-${id}`,
    text: `plain ${sneaky} here`,
    contact: { name: "Plain Poster" },
  });
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone(),
    text: `visit ${plain} and ${plain}/x`,
    contact: { name: "Honest Link" },
  });

  await signIn(page, demoUser("supervisor"));
  await page.goto(`/spam-manager/domains?q=${id}`);
  const sneakyRow = row(page, sneaky);
  await expect(sneakyRow).toContainText("3");
  await expect(sneakyRow.getByTestId("disguised-badge")).toHaveText("Disguised ×2");
  await expect(row(page, plain).getByTestId("disguised-badge")).toHaveCount(0);

  // Disguised only, then plain only; the search is kept.
  const controls = page.getByTestId("disguise-controls");
  await controls.getByRole("link", { name: "Disguised", exact: true }).click();
  await expect(page).toHaveURL(/obf=1/);
  await expect(page).toHaveURL(new RegExp(`q=${id}`));
  await expect(row(page, sneaky)).toBeVisible();
  await expect(row(page, plain)).toHaveCount(0);
  await controls.getByRole("link", { name: "Plain", exact: true }).click();
  await expect(row(page, plain)).toBeVisible();
  await expect(row(page, sneaky)).toHaveCount(0);
  await controls.getByRole("link", { name: "All", exact: true }).click();
  await expect(page.getByTestId("spam-string-row")).toHaveCount(2);

  // Most posted: the plain domain (1 post) after the sneaky one (3); most disguised keeps sneaky first
  // even against a plain domain posted more often.
  for (let i = 0; i < 3; i++)
    await postIncomingMessage(request, {
      channel: "whatsapp",
      from: phone(),
      text: `${plain} again ${i}`,
      contact: { name: "Honest Link" },
    });
  await page.reload();
  await expect(page.getByTestId("spam-string-value").first()).toContainText(plain);
  await controls.getByRole("link", { name: "Most disguised" }).click();
  await expect(page).toHaveURL(/sort=obfuscated/);
  await expect(page.getByTestId("spam-string-value").first()).toContainText(sneaky);
  await expect(controls.getByRole("link", { name: "Most disguised" })).toHaveAttribute("aria-current", "true");

  // The Spam History says how each post wrote it.
  await row(page, sneaky).getByTestId("spam-string-value").click();
  const history = page.getByRole("complementary", { name: "Spam History" });
  await expect(history.getByTestId("spam-history-value")).toHaveText(sneaky);
  await expect(history.getByTestId("spam-history-post")).toHaveCount(3);
  await expect(history.getByTestId("written-as")).toHaveCount(2);
  await expect(
    history.getByTestId("spam-history-post").filter({ hasText: "Dee Fanged" }).getByTestId("written-as"),
  ).toContainText(`hxxps://sneaky-${id}[.]com/win`);
  await expect(
    history.getByTestId("spam-history-post").filter({ hasText: "Word Dotter" }).getByTestId("written-as"),
  ).toContainText(`sneaky-${id} dot com`);
  await expect(
    history.getByTestId("spam-history-post").filter({ hasText: "Plain Poster" }).getByTestId("written-as"),
  ).toHaveCount(0);
});

test("a rule on disguised links flags the poster of one", async ({ page, request }) => {
  const id = unique();
  const name = `Link Hider ${id}`;
  const from = phone();
  await postIncomingMessage(request, { channel: "whatsapp", from, text: "hello", contact: { name } });

  await signIn(page, demoUser("supervisor"));
  await page.goto("/spam-manager/actions");
  const actionName = `Flag ${id}`;
  await page.getByRole("button", { name: "New action" }).click();
  const actionDialog = page.getByRole("dialog", { name: "New action" });
  await actionDialog.getByLabel("Name").fill(actionName);
  await actionDialog.getByRole("radio", { name: /Flag for review/ }).check();
  await actionDialog.getByRole("button", { name: "Create action" }).click();
  await expect(actionDialog).toBeHidden();

  await page.getByRole("link", { name: "Rules" }).click();
  await page.getByRole("button", { name: "New rule" }).click();
  const ruleDialog = page.getByRole("dialog", { name: "New rule" });
  const ruleName = `Disguised link → flag ${id}`;
  await ruleDialog.getByLabel("Name").fill(ruleName);
  await ruleDialog.getByLabel("When").selectOption("disguised_string");
  await ruleDialog.getByLabel("Disguised").selectOption("links");
  await ruleDialog.getByLabel("Run action").selectOption({ label: actionName });
  await expect(ruleDialog).toContainText(`When a message contains a disguised link → ${actionName}`);
  await ruleDialog.getByRole("button", { name: "Create rule" }).click();
  await expect(ruleDialog).toBeHidden();
  await expect(page.getByTestId("spam-rule").filter({ hasText: ruleName })).toContainText(
    "When a message contains a disguised link",
  );

  // Editing shows the saved choice.
  await page
    .getByTestId("spam-rule")
    .filter({ hasText: ruleName })
    .getByRole("button", { name: `Edit ${ruleName}` })
    .click();
  const editDialog = page.getByRole("dialog", { name: "Edit rule" });
  await expect(editDialog.getByLabel("Disguised")).toHaveValue("links");
  await editDialog.getByRole("button", { name: "Cancel" }).click();

  await postIncomingMessage(request, {
    channel: "whatsapp",
    from,
    text: `cheap stuff at shop-${id}(.)com`,
    contact: { name },
  });
  await page.getByRole("link", { name: "Actions Log" }).click();
  const logRow = page.getByTestId("action-log-row").filter({ hasText: name }).first();
  await expect(logRow).toContainText(actionName);
  await expect(logRow).toContainText("Completed");
});
