import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

const row = (page: Page, text: string) => page.getByTestId("conversation-row").filter({ hasText: text });

test("an operator bans a client in a live session; once the admin deactivates it, the client gets in", async ({
  browser,
  request,
}) => {
  const phone = `+1555${Date.now().toString().slice(-7)}`;
  const name = `Troll ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: phone,
    text: "You are all useless",
    contact: { name },
  });

  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(ann, demoUser("ann"));
  await expect(ann.getByTestId("connection-state")).toHaveText("Live");
  await row(ann, name).click();
  await expect(ann.getByTestId("contact-name")).toHaveText(name);
  await ann.getByRole("button", { name: "Conversation actions" }).filter({ visible: true }).click();
  await ann.getByRole("menuitem", { name: "Ban client…" }).click();
  const dialog = ann.getByRole("dialog", { name: `Ban ${name}?` });
  await dialog.getByLabel("Reason").fill("Insults agents");
  await dialog.getByRole("button", { name: "Ban client" }).click();
  await expect(
    ann.getByTestId("toast").filter({ hasText: `Banned ${phone} on WhatsApp; the ongoing conversation was closed` }),
  ).toBeVisible();
  // Channels by name, as everywhere else.
  await expect(
    ann.getByTestId("timeline-event").filter({ hasText: "Client banned on WhatsApp by Ann Agent" }),
  ).toBeVisible();

  // The client's next message is stored but appears in no list.
  const refused = await request.post("/api/v1/messages", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { channel: "whatsapp", from: phone, text: "let me back in" },
  });
  expect(refused.status()).toBe(202);
  expect(await refused.json()).toMatchObject({ admitted: false, reason: "banned" });
  // Proof by contrast: a message from someone else, sent after the refused one, arrives live; by
  // then the refused one would have too, had it been let through.
  const bystander = `Bystander ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: `+1555${String(Date.now() + 4242).slice(-7)}`,
    text: "A normal question",
    contact: { name: bystander },
  });
  await expect(ann.getByTestId("list-tab-all")).toHaveAttribute("aria-current", "page");
  await expect(row(ann, bystander)).toBeVisible();
  for (const list of ["all", "unassigned", "spam"] as const) {
    await ann.getByTestId(`list-tab-${list}`).click();
    const rows = ann.getByRole("listbox", { name: /conversations$/ });
    await expect(rows).toHaveAttribute("aria-busy", "false");
    // The bystander is unassigned: in All and Unassigned, so those lists are loaded past both messages.
    if (list !== "spam") await expect(row(ann, bystander)).toBeVisible();
    await expect(row(ann, "let me back in")).toHaveCount(0);
    await expect(row(ann, name)).toHaveCount(0);
  }
  await ann.getByTestId("list-tab-all").click();

  // The admin finds the ban, deactivates it, and finds it again under Inactive.
  const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(admin, demoUser("admin"));
  await admin.goto(`/settings/blacklist?q=${encodeURIComponent(phone)}`);
  const ban = admin.getByTestId("ban-row").filter({ hasText: phone });
  await expect(ban).toContainText("Insults agents");
  await expect(ban).toContainText("Live session");
  await expect(admin.getByTestId("blacklist-summary")).toHaveText(`1 active ban matching “${phone}”`);
  // Exporting says what it exported (and the file downloads).
  const download = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^blacklist-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(admin.getByTestId("toast").filter({ hasText: /^Exported 1 ban to blacklist-/ })).toBeVisible();
  await ban.getByRole("button", { name: "Deactivate" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId("toast").filter({ hasText: `Ban on ${phone} deactivated` })).toBeVisible();
  await expect(admin.getByTestId("ban-row").filter({ hasText: phone })).toHaveCount(0);
  await expect(admin.getByTestId("blacklist-summary")).toHaveText(`0 active bans matching “${phone}”`);
  await admin.getByRole("button", { name: "Filter by status" }).click();
  await admin.getByRole("checkbox", { name: "Active", exact: true }).uncheck();
  await admin.getByRole("checkbox", { name: "Inactive", exact: true }).check();
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("ban-row").filter({ hasText: phone })).toContainText("Deactivated by Ada Admin");

  // The client's next message reaches the inbox again, live.
  await postIncomingMessage(request, { channel: "whatsapp", from: phone, text: "I apologise" });
  await expect(row(ann, name).filter({ hasText: "I apologise" })).toBeVisible();
  await ann.close();
  await admin.close();
});

test("an admin adds a ban by hand and is told it is in place", async ({ page }) => {
  const email = `pest-${Date.now().toString(36)}@example.com`;
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/blacklist");
  await page.getByRole("button", { name: "Add" }).click();
  const dialog = page.getByRole("dialog", { name: "Ban a client" });
  await dialog.getByLabel("Channel").selectOption("email");
  await dialog.getByLabel("Email address").fill(email.toUpperCase());
  await dialog.getByLabel("Reason").fill("Phishing mails");
  await dialog.getByRole("button", { name: "Ban" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Banned ${email} on E-mail` })).toBeVisible();
  await expect(page.getByTestId("ban-row").filter({ hasText: email })).toContainText("Phishing mails");
});

test("with operator bans off, agents get no Ban client action", async ({ browser, request }) => {
  const admin = await browser.newPage();
  await signIn(admin, demoUser("admin"));
  await admin.goto("/settings/blacklist");
  await admin.getByRole("checkbox", { name: /Operators may ban clients/ }).uncheck();
  await expect(admin.getByRole("checkbox", { name: /Operators may ban clients/ })).not.toBeChecked();

  const name = `Quiet ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "email",
    from: `quiet-${Date.now()}@example.com`,
    text: "hello",
    contact: { name },
  });
  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(ann, demoUser("ann"));
  // Rows are in the server's HTML before they take clicks: wait until the inbox is running.
  await expect(ann.getByTestId("connection-state")).toHaveText("Live");
  await row(ann, name).click();
  await expect(ann.getByTestId("conversation-title")).toHaveText(name);
  await ann.getByRole("button", { name: "Conversation actions" }).filter({ visible: true }).click();
  await expect(ann.getByRole("menuitem", { name: "Block from live chat…" })).toBeVisible();
  await expect(ann.getByRole("menuitem", { name: "Ban client…" })).toHaveCount(0);

  await admin.getByRole("checkbox", { name: /Operators may ban clients/ }).check();
  await expect(admin.getByRole("checkbox", { name: /Operators may ban clients/ })).toBeChecked();
  await ann.close();
  await admin.close();
});
