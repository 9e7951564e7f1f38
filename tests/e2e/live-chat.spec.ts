import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, signIn } from "./support/fixtures";

const row = (page: Page, text: string) => page.getByTestId("conversation-row").filter({ hasText: text });

test("a visitor blocked for 24 h as the chat ends is told at once (never why), queued again once unblocked", async ({
  browser,
}) => {
  // Three browsers (visitor, agent, admin) through a whole block's life: 30–47 s on a busy machine.
  test.setTimeout(90_000);
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
  await expect(
    ann.getByTestId("toast").filter({ hasText: `Chat ended; blocked ${visitorName} from live chat until` }),
  ).toBeVisible();
  await expect(
    ann.getByTestId("timeline-event").filter({ hasText: /Blocked from live chat until .* by Ann Agent/ }),
  ).toBeVisible();
  await expect(ann.getByTestId("timeline-event").filter({ hasText: "Resolved by Ann Agent" })).toBeVisible();

  // The visitor is told at once, without asking again: unavailable until when, never why.
  const notice = visitor.getByTestId("widget-notice");
  await expect(notice).toContainText("Live chat is unavailable right now");
  await expect(notice).toContainText("You can talk to an agent again from");
  await expect(visitor.getByRole("button", { name: "Talk to an agent" })).toHaveCount(0);
  await expect(visitor.getByTestId("widget-subtitle")).toHaveText("Live chat unavailable — leave a message");
  await expect(visitor.locator("body")).not.toContainText("Abusive");

  // The admin lifts the block on the Live Chat Blacklist.
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const admin = await adminContext.newPage();
  await signIn(admin, demoUser("admin"));
  await admin.goto("/live-chat-blacklist");
  const blockRow = admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName });
  await expect(blockRow).toContainText("Abusive language towards the agent");
  await expect(blockRow).toContainText("by Ann Agent");
  await blockRow.getByRole("button", { name: `Unblock ${visitorName}` }).click();
  await admin
    .getByRole("dialog", { name: `Unblock ${visitorName}?` })
    .getByRole("button", { name: "Unblock user" })
    .click();
  await expect(
    admin.getByTestId("toast").filter({ hasText: `Unblocked ${visitorName}: they can ask for an agent again` }),
  ).toBeVisible();
  await expect(admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName })).toHaveCount(0);
  await admin.getByRole("link", { name: /^Lifted/ }).click();
  await expect(admin.getByTestId("live-chat-block-row").filter({ hasText: visitorName })).toContainText(
    "Lifted by Ada Admin",
  );

  // The visitor's widget follows, live: they may ask again, and are queued.
  await expect(visitor.getByTestId("widget-notice")).toHaveCount(0);
  await visitor.getByRole("button", { name: "Talk to an agent" }).click();
  await expect(visitor.getByTestId("widget-status")).toContainText(/You're #\d+ in the queue/);
  // …and the chat is back in Ann's Unassigned list, live, with its place in the queue.
  await expect(row(ann, visitorName).getByTestId("queue-position")).toHaveText(/#\d+ in queue/);

  await visitorContext.close();
  await annContext.close();
  await adminContext.close();
});

test("agents take Waiting chats in queue order by one key; a visitor blocked while waiting is told, leaves", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const visitors = [];
  for (const n of [1, 2]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`/widget?tenant=${demo().tenantId}`);
    await expect(page.getByTestId("widget-subtitle")).not.toHaveText("Connecting…");
    await page.getByRole("textbox", { name: "Message" }).fill(`Queue test ${stamp} visitor ${n}`);
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(page.getByTestId("widget-message-mine")).toHaveCount(1);
    await page.getByRole("button", { name: "Talk to an agent" }).click();
    await expect(page.getByTestId("widget-status")).toContainText(/You're #\d+ in the queue/);
    visitors.push({ context, page });
  }

  const annContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const ann = await annContext.newPage();
  await signIn(ann, demoUser("ann"));
  await expect(ann.getByTestId("connection-state")).toHaveText("Live");
  await ann.getByTestId("list-tab-waiting").click();
  await expect(ann).toHaveURL(/\/inbox\/waiting/);
  // The queue in order: #1 at the top, the first visitor before the second, each with its place.
  const rows = ann.getByTestId("conversation-row");
  const first = rows.filter({ hasText: `Queue test ${stamp} visitor 1` });
  const second = rows.filter({ hasText: `Queue test ${stamp} visitor 2` });
  await expect(second).toBeVisible();
  const positions = await rows.getByTestId("queue-position").allTextContents();
  expect(positions).toEqual(positions.map((_, i) => `#${i + 1} in queue`));
  const place = async (row: typeof first) =>
    Number((await row.getByTestId("queue-position").textContent())!.match(/\d+/)![0]);
  expect(await place(second)).toBe((await place(first)) + 1);
  const waiting = Number(await ann.getByTestId("list-count-waiting").textContent());
  expect(waiting).toBe(positions.length);
  await expect(ann.getByTestId("queue-bar")).toContainText(`${waiting} visitor${waiting === 1 ? "" : "s"} waiting`);

  // Ann blocks the second visitor while they wait: their widget says so at once; the chat leaves the queue.
  await second.click();
  await ann.getByRole("button", { name: "Conversation actions" }).filter({ visible: true }).click();
  // On a busy server the tenant's default period (24 hours) arrives after Ann picked 1 hour: her pick stays.
  const secondId = await second.getAttribute("data-conversation-id");
  let holdDefault = true;
  await ann.route("**/*", async (route) => {
    if (holdDefault && route.request().method() === "POST" && route.request().headers()["next-action"]) {
      holdDefault = false;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await route.continue();
  });
  const defaultAnswered = ann.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await ann.getByRole("menuitem", { name: "Block from live chat…" }).click();
  const dialog = ann.getByRole("dialog", { name: /^Block .* from live chat$/ });
  await dialog.getByText("1 hour", { exact: true }).click();
  await defaultAnswered;
  await ann.unroute("**/*");
  await expect(dialog.getByRole("radio", { name: "1 hour" })).toBeChecked();
  await dialog.getByLabel(/Reason/).fill("Flooding the queue");
  await dialog.getByRole("button", { name: "Block from live chat" }).click();
  await expect(ann.getByTestId("toast").filter({ hasText: /^Blocked .* from live chat until/ })).toBeVisible();
  const blocks = await ann.request.get("/api/v1/live-chat-blocks?status=active", {
    headers: { authorization: `Bearer ${demo().apiKey}`, "x-agent-id": demoUser("admin").id },
  });
  const block = ((await blocks.json()) as { items: Array<Record<string, string>> }).items.find(
    (b) => b.conversationId === secondId,
  )!;
  expect(Date.parse(block.blockedUntil!) - Date.parse(block.blockedAt!)).toBe(60 * 60_000);
  const blocked = visitors[1]!.page;
  await expect(blocked.getByTestId("widget-notice")).toContainText("Live chat is unavailable right now");
  await expect(blocked.getByTestId("widget-notice")).toContainText("You can talk to an agent again from");
  await expect(blocked.getByRole("button", { name: "Talk to an agent" })).toHaveCount(0);
  await expect(blocked.locator("body")).not.toContainText("Flooding");
  await expect(ann.getByTestId("conversation-status")).toHaveText("Resolved");
  await expect(ann.getByTestId("live-chat-blocked-badge")).toContainText("Live chat blocked until");
  await expect(ann.getByTestId("timeline-event").filter({ hasText: "removed from the queue" })).toBeVisible();
  await expect(second).toHaveCount(0);
  await expect(ann.getByTestId("list-count-waiting")).toHaveText(String(waiting - 1));

  // "Take next" is one key: t takes the chat at the top of the queue and opens it.
  const head = rows.first();
  const headId = await head.getAttribute("data-conversation-id");
  await ann.getByTestId("conversation-title").click();
  await ann.keyboard.press("t");
  await expect(ann.getByTestId("toast").filter({ hasText: /^You took the chat with / })).toBeVisible();
  await expect(ann).toHaveURL(new RegExp(`c=${headId}`));
  await expect(ann.getByLabel("Assignee")).toHaveValue(demoUser("ann").id);
  await expect(ann.getByTestId("conversation-status")).toHaveText("Open");
  await expect(ann.locator(`[data-testid="conversation-row"][data-conversation-id="${headId}"]`)).toHaveCount(0);
  await expect(ann.getByTestId("list-count-waiting")).toHaveText(String(waiting - 2));

  for (const { context } of visitors) await context.close();
  await annContext.close();
});
