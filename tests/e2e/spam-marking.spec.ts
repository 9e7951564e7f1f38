import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

const row = (page: Page, name: string) => page.getByTestId("conversation-row").filter({ hasText: name });

test("an agent marks a user as spam on the user card; another sees the chat move live; un-mark restores it", async ({
  browser,
  request,
}) => {
  const name = `Spammy ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: `+1555${Date.now().toString().slice(-7)}`,
    text: "CLAIM your FREE prize at bit.ly/win",
    contact: { name },
  });

  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const sam = await browser.newPage();
  await signIn(ann, demoUser("ann"));
  await signIn(sam, demoUser("supervisor"));
  await expect(sam.getByTestId("connection-state")).toHaveText("Live");
  const spamBefore = Number(await sam.getByTestId("list-count-spam").textContent());

  await row(ann, name).click();
  const card = ann.getByRole("complementary", { name: "User card" });
  await expect(card.getByTestId("contact-name")).toHaveText(name);
  await card.getByRole("button", { name: "Mark user as Spam" }).click();
  const dialog = ann.getByRole("dialog", { name: `Mark ${name} as spam?` });
  await expect(dialog).toContainText("move to the Spam list");
  await dialog.getByRole("button", { name: "Mark user as Spam" }).click();

  // Ann: the chat leaves All, shows the red flag, and the (empty) composer is replaced by the notice.
  await expect(row(ann, name)).toHaveCount(0);
  await expect(ann.getByTestId("spam-lock-notice")).toBeVisible();
  await expect(ann.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
  await expect(ann.getByLabel("Assignee")).toBeDisabled();
  await expect(card.getByTestId("contact-spam-status")).toContainText("Marked as spam by Ann Agent");
  await expect(card.getByTestId("trait-Marked as Spam")).toContainText("Yes");
  await expect(ann.getByTestId("timeline-event").filter({ hasText: "Marked as spam by Ann Agent" })).toBeVisible();

  // Sam, without reloading: gone from All, counted and listed in Spam with the flag.
  await expect(row(sam, name)).toHaveCount(0);
  await expect(sam.getByTestId("list-count-spam")).toHaveText(String(spamBefore + 1));
  await sam.getByTestId("list-tab-spam").click();
  await expect(row(sam, name).getByTestId("spam-flag")).toBeVisible();

  // Un-mark from the conversation header; both browsers follow.
  await ann.getByTestId("spam-lock-notice").getByRole("button", { name: "Un-mark as Spam" }).click();
  await ann
    .getByRole("dialog", { name: `Un-mark ${name} as spam?` })
    .getByRole("button", { name: "Un-mark as Spam" })
    .click();
  await expect(ann.getByRole("textbox", { name: "Reply" })).toBeVisible();
  await expect(row(ann, name)).toBeVisible();
  await expect(row(sam, name)).toHaveCount(0);
  await expect(sam.getByTestId("list-count-spam")).toHaveText(String(spamBefore));
  await expect(card.getByTestId("trait-Marked as Spam")).toContainText("No");
  await ann.close();
  await sam.close();
});

test("bulk: select several conversations and mark their users as spam in one action", async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const names = [`Bulk A ${stamp}`, `Bulk B ${stamp}`];
  for (const [i, name] of names.entries()) {
    await postIncomingMessage(request, {
      channel: "messenger",
      from: `bulk-${stamp}-${i}`,
      text: "spam spam",
      contact: { name },
    });
  }
  await signIn(page, demoUser("admin"));
  for (const name of names) await page.getByRole("checkbox", { name: `Select conversation with ${name}` }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Mark users as spam" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 users marked as spam" })).toBeVisible();
  for (const name of names) await expect(row(page, name)).toHaveCount(0);
  await page.getByTestId("list-tab-spam").click();
  for (const name of names) await expect(row(page, name)).toBeVisible();
});

test("marking a user with more chats than the event carries still shows every one of them in Spam, live", async ({
  browser,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const name = `Prolific ${stamp}`;
  const from = `prolific-${stamp}`;
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  // 25 chats (the event carries the newest 20 in full): each message opens one, which is then resolved.
  let contactId = "";
  for (let i = 0; i < 25; i++) {
    const result = await postIncomingMessage(request, {
      channel: "messenger",
      from,
      text: `chat ${i}`,
      contact: { name },
    });
    contactId = result.contactId;
    const resolved = await request.post(`/api/v1/conversations/${result.conversationId}/status`, {
      headers,
      data: { status: "resolved" },
    });
    expect(resolved.status()).toBe(200);
  }

  const sam = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(sam, demoUser("supervisor"));
  await sam.goto("/inbox/spam");
  await expect(sam.getByTestId("connection-state")).toHaveText("Live");
  await expect(row(sam, name)).toHaveCount(0);

  const marked = await request.post(`/api/v1/contacts/${contactId}/spam`, { headers });
  expect(marked.status()).toBe(200);
  await expect(row(sam, name)).toHaveCount(25);
  await sam.close();
});

test("a reply being written when another agent marks the user as spam is kept, with why it cannot be sent", async ({
  browser,
  request,
}) => {
  const name = `Drafty ${Date.now().toString(36)}`;
  const { contactId } = await postIncomingMessage(request, {
    channel: "messenger",
    from: `drafty-${Date.now()}`,
    text: "Can you help me with my invoice?",
    contact: { name },
  });
  const sam = { authorization: `Bearer ${demo().apiKey}`, "x-agent-id": demoUser("supervisor").id };

  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(ann, demoUser("ann"));
  await expect(ann.getByTestId("connection-state")).toHaveText("Live");
  await row(ann, name).click();
  const reply = ann.getByRole("textbox", { name: "Reply" });
  await reply.fill("Of course! Your invoice number is");

  // Sam marks the user while Ann is typing: her words stay, with the reason, and cannot be sent.
  expect((await request.post(`/api/v1/contacts/${contactId}/spam`, { headers: sam })).status()).toBe(200);
  await expect(ann.getByTestId("spam-lock-notice")).toBeVisible();
  await expect(reply).toHaveValue("Of course! Your invoice number is");
  await expect(ann.getByTestId("composer-locked")).toHaveText(
    "Your reply was not sent: Sam Supervisor marked this user as spam, so replies cannot be sent. " +
      "It stays here until they are un-marked.",
  );
  await expect(ann.getByRole("button", { name: "Send reply" })).toBeDisabled();
  await reply.press("Enter");
  await expect(ann.getByTestId("message-out")).toHaveCount(0);

  // Un-marked: the same draft can be sent.
  expect((await request.delete(`/api/v1/contacts/${contactId}/spam`, { headers: sam })).status()).toBe(200);
  await expect(ann.getByTestId("composer-locked")).toHaveCount(0);
  await reply.fill("Of course! Your invoice number is 4711.");
  await ann.getByRole("button", { name: "Send reply" }).click();
  await expect(ann.getByTestId("message-out").filter({ hasText: "Your invoice number is 4711." })).toBeVisible();
  await expect(reply).toHaveValue("");
  await ann.close();
});
