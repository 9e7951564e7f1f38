import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, signIn } from "./support/fixtures";

const row = (page: Page, text: string) => page.getByTestId("conversation-row").filter({ hasText: text });

test("a visitor asks for an agent, is blocked for 24 h when the chat ends, is refused politely, and is queued again once an admin unblocks", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const firstWords = `My order ${stamp} never arrived`;

  // The visitor, anonymous, in their own browser.
  const visitorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/widget?tenant=${demo().tenantId}`);
  await expect(visitor.getByTestId("widget-subtitle")).not.toHaveText("Connecting…");
  await visitor.getByRole("textbox", { name: "Message" }).fill(firstWords);
  await visitor.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(visitor.getByTestId("widget-message-mine").filter({ hasText: firstWords })).toBeVisible();
  await visitor.getByRole("button", { name: "Talk to an agent" }).click();
  await expect(visitor.getByTestId("widget-status")).toContainText(/You're #\d+ in the queue/);

  // Ann finds the chat waiting in Unassigned with its queue position, takes it and answers.
  const annContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const ann = await annContext.newPage();
  await signIn(ann, demoUser("ann"));
  await ann.goto("/inbox/unassigned");
  await expect(row(ann, firstWords).getByTestId("queue-position")).toHaveText(/#\d+ in queue/);
  await row(ann, firstWords).click();
  const visitorName = (await ann.getByTestId("conversation-title").textContent())!.trim();
  await ann.getByLabel("Assignee").selectOption({ label: "Ann Agent (me)" });
  await expect(visitor.getByTestId("widget-subtitle")).toHaveText("Chatting with Ann Agent");
  await ann.getByRole("textbox", { name: "Reply" }).fill("Hi! Let me look into that for you.");
  await ann.getByRole("textbox", { name: "Reply" }).press("Enter");
  await expect(visitor.getByTestId("widget-message-agent").filter({ hasText: "Let me look into that" })).toBeVisible();
  await visitor.getByRole("textbox", { name: "Message" }).fill("You are useless, idiot");
  await visitor.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(ann.getByTestId("message-in").filter({ hasText: "You are useless" })).toBeVisible();

  // Ann ends the chat with a 24-hour block.
  await ann.getByRole("button", { name: "End chat" }).click();
  const dialog = ann.getByRole("dialog", { name: `End chat with ${visitorName}` });
  await dialog.getByLabel("Feedback").fill("Insulted me after the first reply.");
  await dialog.getByRole("checkbox", { name: /Block this user from live chat/ }).check();
  await expect(dialog.getByRole("radio", { name: "24 hours" })).toBeChecked();
  await dialog.getByLabel(/Reason/).fill("Abusive language towards the agent");
  await dialog.getByRole("button", { name: "End chat and block" }).click();
  await expect(dialog).toBeHidden();
  await expect(ann.getByTestId("toast").filter({ hasText: `Chat ended; blocked ${visitorName} from live chat until` })).toBeVisible();
  await expect(ann.getByTestId("timeline-event").filter({ hasText: /Blocked from live chat until .* by Ann Agent/ })).toBeVisible();
  await expect(ann.getByTestId("timeline-event").filter({ hasText: "Resolved by Ann Agent" })).toBeVisible();

  // The visitor asks again: refused, told until when, never why.
  await expect(visitor.getByTestId("widget-status")).toContainText("This chat has ended");
  await visitor.getByRole("button", { name: "Talk to an agent" }).click();
  const notice = visitor.getByTestId("widget-notice");
  await expect(notice).toContainText("Live chat is unavailable right now");
  await expect(notice).toContainText("You can talk to an agent again from");
  await expect(visitor.locator("body")).not.toContainText("Abusive");
  await expect(visitor.getByTestId("widget-subtitle")).not.toContainText("in the queue");

  // The admin lifts the block on the Live Chat Blacklist.
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const admin = await adminContext.newPage();
  await signIn(admin, demoUser("admin"));
  await admin.goto("/live-chat-blacklist");
  const blockRow = admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName });
  await expect(blockRow).toContainText("Abusive language towards the agent");
  await expect(blockRow).toContainText("by Ann Agent");
  await blockRow.getByRole("button", { name: `Unblock ${visitorName}` }).click();
  await admin.getByRole("dialog", { name: `Unblock ${visitorName}?` }).getByRole("button", { name: "Unblock user" }).click();
  await expect(admin.getByTestId("toast").filter({ hasText: `Unblocked ${visitorName}: they can ask for an agent again` })).toBeVisible();
  await expect(admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName })).toHaveCount(0);
  await admin.getByRole("link", { name: /^Lifted/ }).click();
  await expect(admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName })).toContainText("Lifted by Ada Admin");

  // The visitor is queued again.
  await visitor.getByRole("button", { name: "Talk to an agent" }).click();
  await expect(visitor.getByTestId("widget-status")).toContainText(/You're #\d+ in the queue/);
  // …and the chat is back in Ann's Unassigned list, live, with its place in the queue.
  await expect(row(ann, visitorName).getByTestId("queue-position")).toHaveText(/#\d+ in queue/);

  await visitorContext.close();
  await annContext.close();
  await adminContext.close();
});
