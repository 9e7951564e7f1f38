import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn, unique } from "./support/fixtures";

const phone = () => `+1555${String(Date.now()).slice(-7)}`;

const row = (page: Page, testId: string, text: string) => page.getByTestId(testId).filter({ hasText: text });

test("a supervisor denies a domain and its URLs disappear from the dashboard", async ({ page, request }) => {
  const domain = `e2e-${unique()}.com`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone(),
    text: `Cheap pills at https://www.${domain}/offer and ${domain}/shop`,
    contact: { name: "Pill Pusher" },
  });
  await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-${unique()}`,
    text: `see ${domain}/offer!!`,
    contact: { name: "Web Spammer" },
  });

  await signIn(page, demoUser("supervisor"));
  await page.goto("/spam-manager/urls");
  await expect(row(page, "spam-string-row", `${domain}/offer`)).toContainText("2");
  await expect(row(page, "spam-string-row", `${domain}/shop`)).toBeVisible();

  // The Spam History of the domain: both messages, with their users and channels.
  await page.getByRole("link", { name: "Domains", exact: true }).click();
  await expect(page).toHaveURL(/\/spam-manager\/domains/);
  const domainRow = row(page, "spam-string-row", domain);
  await domainRow.getByTestId("spam-string-value").click();
  const history = page.getByRole("complementary", { name: "Spam History" });
  await expect(history.getByTestId("spam-history-value")).toHaveText(domain);
  await expect(history.getByTestId("spam-history-post")).toHaveCount(2);
  await expect(history).toContainText("Pill Pusher");
  await expect(history).toContainText("Web Spammer");
  await expect(history.getByRole("link", { name: "Open conversation →" }).first()).toHaveAttribute(
    "href",
    /\/inbox\/all\?c=/,
  );

  await domainRow.getByRole("button", { name: `Deny ${domain}` }).click();
  await expect(page.getByTestId("toast")).toContainText(`Denied ${domain}`);
  await expect(row(page, "spam-string-row", domain)).toHaveCount(0);

  await page.getByRole("link", { name: "URLs", exact: true }).click();
  await expect(page).toHaveURL(/\/spam-manager\/urls/);
  await expect(page.getByRole("heading", { name: "Uncategorized URLs", exact: true })).toBeVisible();
  await expect(row(page, "spam-string-row", domain)).toHaveCount(0);

  // The domain is on the Deny list, with the way to ban everyone who posted it.
  await page.getByRole("link", { name: "Allow/Deny" }).click();
  const entry = row(page, "list-entry-row", domain);
  await expect(entry).toContainText("Denied");
  await entry.getByRole("button", { name: `Ban posters of ${domain}` }).click();
  const dialog = page.getByRole("dialog", { name: "Ban everyone who posted this?" });
  await expect(dialog.getByTestId("ban-preview")).toContainText("2 users would be banned");
  await expect(dialog.getByTestId("ban-preview")).toContainText("WhatsApp: 1");
  await expect(dialog.getByTestId("ban-preview")).toContainText("Web chat: 1");
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("allowing a shop's domain clears its links everywhere; a spammer's row shows each string once", async ({
  page,
  request,
}) => {
  const shop = `goodshop-${unique()}.com`;
  const bad = `badshop-${unique()}.com`;
  const customer = `Happy Customer ${unique()}`;
  const spammer = `Link Dropper ${unique()}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone(),
    text: `I ordered at ${shop}, tracking: https://www.${shop}/orders/1`,
    contact: { name: customer },
  });
  await postIncomingMessage(request, {
    channel: "messenger",
    from: `psid-${unique()}`,
    text: `Forget ${shop}, go to ${bad} or ${bad}/win`,
    contact: { name: spammer },
  });

  await signIn(page, demoUser("supervisor"));
  // A bare mention is its domain: listed under Domains only; links with a path under URLs.
  await page.goto(`/spam-manager/urls?q=${shop}`);
  await expect(page.getByTestId("spam-string-value")).toHaveText([`${shop}/orders/1`]);
  await page.goto(`/spam-manager/domains?q=${shop}`);
  await page.getByRole("button", { name: `Allow ${shop}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Allowed ${shop}` })).toBeVisible();
  await expect(row(page, "spam-string-row", shop)).toHaveCount(0);
  // Allowing the domain covers its URLs.
  await page.goto(`/spam-manager/urls?q=${shop}`);
  await expect(page.getByTestId("empty-state")).toContainText(`No URLs match “${shop}”`);

  await page.goto(`/spam-manager/domains?q=${bad}`);
  await page.getByRole("button", { name: `Deny ${bad}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Denied ${bad}` })).toBeVisible();
  await page.goto(`/spam-manager/urls?q=${bad}`);
  await expect(page.getByTestId("empty-state")).toContainText(`No URLs match “${bad}”`);

  // The customer posted nothing but allowed links: not a spam user. The spammer: one chip per string,
  // the URL under the denied domain red as well, nothing of the allowed shop.
  await page.goto(`/spam-manager/users?q=${encodeURIComponent(customer)}`);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.goto(`/spam-manager/users?q=${encodeURIComponent(spammer)}`);
  const user = row(page, "spam-user-row", spammer);
  const chips = user.getByTestId("string-chip").filter({ visible: true });
  await expect(chips).toHaveText([`${bad}×1`, `${bad}/win×1`]);
  await expect(chips.nth(0)).toHaveAttribute("data-list", "deny");
  await expect(chips.nth(1)).toHaveAttribute("data-list", "deny");
  await user.getByRole("link", { name: spammer }).click();
  const history = page.getByTestId("user-history-post");
  await expect(history.getByTestId("string-chip")).toHaveText([bad, shop, `${bad}/win`]);
  await expect(history.getByTestId("string-chip").nth(1)).toHaveAttribute("data-list", "allow");
});

test("a rule marks a user as spam on their next message", async ({ page, request }) => {
  const id = unique();
  const domain = `rule-${id}.net`;
  const from = phone();
  const name = `Rule Target ${id}`;
  await postIncomingMessage(request, { channel: "whatsapp", from, text: "Hi, is anyone there?", contact: { name } });

  await signIn(page, demoUser("supervisor"));
  await page.goto("/spam-manager/actions");
  const actionName = `Mark as spam ${id}`;
  await page.getByRole("button", { name: "New action" }).click();
  const actionDialog = page.getByRole("dialog", { name: "New action" });
  await actionDialog.getByLabel("Name").fill(actionName);
  await actionDialog.getByRole("radio", { name: /Mark as spam/ }).check();
  await actionDialog.getByRole("button", { name: "Create action" }).click();
  await expect(actionDialog).toBeHidden();
  await expect(row(page, "spam-action", actionName)).toBeVisible();

  await page.getByRole("link", { name: "Rules" }).click();
  await page.getByRole("button", { name: "New rule" }).click();
  const ruleDialog = page.getByRole("dialog", { name: "New rule" });
  const ruleName = `Denied → mark ${id}`;
  await ruleDialog.getByLabel("Name").fill(ruleName);
  await ruleDialog.getByLabel("When").selectOption("denied_string");
  await ruleDialog.getByLabel("Run action").selectOption({ label: actionName });
  await expect(ruleDialog).toContainText(`When a message contains a denied string → ${actionName}`);
  await ruleDialog.getByRole("button", { name: "Create rule" }).click();
  await expect(ruleDialog).toBeHidden();
  await expect(row(page, "spam-rule", ruleName).getByRole("switch")).toHaveAttribute("aria-checked", "true");

  await page.getByRole("link", { name: "Allow/Deny" }).click();
  await page.getByLabel("Kind").selectOption("domain");
  await page.getByLabel("Value").fill(`https://www.${domain}/`);
  await page.getByRole("button", { name: "Deny", exact: true }).click();
  await expect(row(page, "list-entry-row", domain)).toContainText("Denied");

  // The user's next message contains the denied domain: the rule marks them as spam.
  const next = await postIncomingMessage(request, {
    channel: "whatsapp",
    from,
    text: `Free money at ${domain}/claim`,
    contact: { name },
  });

  await page.getByRole("link", { name: "Users", exact: true }).click();
  const user = row(page, "spam-user-row", name);
  await expect(user).toContainText("Spam");
  await user.getByRole("link", { name }).click();
  const panel = page.getByRole("complementary", { name: "User History" });
  await expect(panel.getByTestId("user-status")).toContainText("Marked as spam");
  await expect(panel).toContainText(`Last action: ${actionName} (rule “${ruleName}”`);
  await expect(panel.getByTestId("user-history-post")).toHaveCount(1);

  await page.getByRole("link", { name: "Actions Log" }).click();
  const logRow = row(page, "action-log-row", name).first();
  await expect(logRow).toContainText(actionName);
  await expect(logRow).toContainText("Completed");

  // And the conversation is in the inbox's Spam list.
  await page.goto(`/inbox/spam?c=${next.conversationId}`);
  await expect(page.getByTestId("conversation-row").filter({ hasText: name })).toBeVisible();
});

test("agents are told the Spam Manager is for supervisors and admins", async ({ page }) => {
  await signIn(page, demoUser("ann"));
  await page.goto("/spam-manager/domains");
  await expect(page.getByRole("heading", { name: "Only supervisors and admins use the Spam Manager" })).toBeVisible();
});

test("the action form describes its draft, and editing an action shows its saved params", async ({ page }) => {
  const id = unique();
  await signIn(page, demoUser("supervisor"));
  await page.goto("/spam-manager/actions");
  await page.getByRole("button", { name: "New action" }).click();
  const dialog = page.getByRole("dialog", { name: "New action" });
  const name = `Ban a week ${id}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: /Ban on a channel/ }).check();
  // Described before a reason is typed: the description never shows it.
  await expect(dialog).toContainText("Ban on every channel they posted from");
  await dialog.getByLabel("Channel", { exact: true }).selectOption("whatsapp");
  await dialog.getByLabel("Expires after (days)").fill("7");
  await dialog.getByLabel("Reason").fill("Spam links");
  await expect(dialog).toContainText("Ban on WhatsApp for 7 days");
  await dialog.getByRole("button", { name: "Create action" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, "spam-action", name)).toContainText("Ban on WhatsApp for 7 days · “Spam links”");

  await row(page, "spam-action", name)
    .getByRole("button", { name: `Edit ${name}` })
    .click();
  const edit = page.getByRole("dialog", { name: "Edit action" });
  await expect(edit.getByLabel("Channel", { exact: true })).toHaveValue("whatsapp");
  await expect(edit.getByLabel("Expires after (days)")).toHaveValue("7");
  await expect(edit.getByLabel("Reason")).toHaveValue("Spam links");
  await edit.getByLabel("Expires after (days)").fill("");
  await expect(edit).toContainText("Ban on WhatsApp");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(row(page, "spam-action", name)).toContainText("Ban on WhatsApp · “Spam links”");
});

test("banning a campaign's 230 posters shows progress step by step, can be stopped, and finishes later", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const domain = `campaign-${unique()}.com`;
  const base = String(Date.now()).slice(-4);
  const posters = Array.from({ length: 230 }, (_, i) => `+1555${base}${String(i).padStart(3, "0")}`);
  for (let at = 0; at < posters.length; at += 10) {
    await Promise.all(
      posters
        .slice(at, at + 10)
        .map((from) =>
          postIncomingMessage(request, { channel: "whatsapp", from, text: `Free followers at ${domain}` }),
        ),
    );
  }

  await signIn(page, demoUser("supervisor"));
  await page.goto("/spam-manager/domains");
  await row(page, "spam-string-row", domain)
    .getByRole("button", { name: `Deny ${domain}` })
    .click();
  await expect(page.getByTestId("toast")).toContainText(`Denied ${domain}`);
  await page.getByRole("link", { name: "Allow/Deny" }).click();
  const entry = row(page, "list-entry-row", domain);
  const open = async () => {
    await entry.getByRole("button", { name: `Ban posters of ${domain}` }).click();
    const dialog = page.getByRole("dialog", { name: "Ban everyone who posted this?" });
    await expect(dialog.getByTestId("ban-preview")).toContainText("230 users would be banned");
    return dialog;
  };

  // Steps of 100: stopped once the first is done, the second finishes and the rest wait.
  let dialog = await open();
  await dialog.getByRole("button", { name: "Ban 230 users" }).click();
  const progress = dialog.getByRole("progressbar", { name: "Posters banned" });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(dialog.getByTestId("ban-progress")).toContainText("Banning… 100 of 230");
  await dialog.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("toast").first()).toContainText("Stopped: Banned 200 users. The rest are not banned.");
  await expect(dialog).toBeHidden();

  // Again: the preview counts who is banned already, and the run goes to the end.
  dialog = await open();
  await expect(dialog.getByTestId("ban-preview")).toContainText("200 already banned");
  await dialog.getByRole("button", { name: "Ban 230 users" }).click();
  await expect(page.getByTestId("toast").first()).toContainText("Banned 30 users, 200 already banned");

  const bans = await request.get(`/api/v1/bans?q=${encodeURIComponent(posters[229]!)}`, {
    headers: { authorization: `Bearer ${demo().apiKey}` },
  });
  expect((await bans.json()).items).toMatchObject([{ identifier: posters[229], source: "spam_manager" }]);
});
