import type { Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

function row(page: Page, name: string) {
  return page.getByTestId("conversation-row").filter({ hasText: name });
}

test("an agent works a conversation live while a second agent watches the same changes", async ({
  browser,
  request,
}) => {
  const label = `vip-${Date.now().toString(36)}`;
  const created = await request.post("/api/v1/labels", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { name: label, color: "violet" },
  });
  expect(created.status()).toBe(201);

  const ann = await browser.newPage();
  const sam = await browser.newPage();
  await signIn(ann, demoUser("ann"));
  await signIn(sam, demoUser("supervisor"));
  await expect(ann.getByTestId("connection-state")).toHaveText("Live");
  await expect(sam.getByTestId("connection-state")).toHaveText("Live");
  const unassignedBefore = Number(await ann.getByTestId("list-count-unassigned").textContent());

  // A message arrives through the API while both are looking at All.
  const name = `Quinn ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: `+1555${Date.now().toString().slice(-7)}`,
    text: "My parcel is lost, help!",
    contact: { name },
  });
  await expect(row(ann, name)).toBeVisible();
  await expect(row(sam, name)).toBeVisible();
  await expect(ann.getByTestId("list-count-unassigned")).toHaveText(String(unassignedBefore + 1));

  // Ann opens it and replies with the keyboard.
  await row(ann, name).click();
  await expect(ann.getByTestId("conversation-title")).toHaveText(name);
  await expect(ann.getByTestId("message-in").filter({ hasText: "My parcel is lost" })).toBeVisible();
  await ann.getByRole("textbox", { name: "Reply" }).fill("Sorry to hear that! Let me check.");
  await ann.getByRole("textbox", { name: "Reply" }).press("Enter");
  await expect(ann.getByTestId("message-out").filter({ hasText: "Sorry to hear that!" })).toBeVisible();
  await expect(row(sam, name)).toContainText("Sorry to hear that!");

  // Assign to herself: it leaves Unassigned for everyone, and the timeline says so.
  await ann.getByLabel("Assignee").selectOption({ label: "Ann Agent (me)" });
  await expect(ann.getByTestId("timeline-event").filter({ hasText: "Ann Agent took the conversation" })).toBeVisible();
  await expect(row(sam, name)).toContainText("Ann Agent");
  await expect(ann.getByTestId("list-count-unassigned")).toHaveText(String(unassignedBefore));

  // Label it.
  await ann.getByText("Labels", { exact: true }).click();
  await ann.getByRole("checkbox", { name: label }).check();
  await expect(row(sam, name)).toContainText(label);
  // Escape closes the picker, back on its button, and leaves the open conversation where it is.
  await ann.keyboard.press("Escape");
  await expect(ann.getByRole("checkbox", { name: label })).toBeHidden();
  await expect(ann.locator("summary").filter({ hasText: "Labels" })).toBeFocused();
  await expect(ann.getByTestId("conversation-title")).toHaveText(name);

  // Resolve with the shortcut: it leaves All in both browsers.
  await ann.getByTestId("conversation-title").click();
  await ann.keyboard.press("e");
  await expect(ann.getByTestId("conversation-status")).toHaveText("Resolved");
  await expect(row(sam, name)).toHaveCount(0);
  // Resolved has no count (the server keeps none): resolving one must not make one up.
  await expect(ann.getByTestId("list-count-unassigned")).toHaveText(String(unassignedBefore));
  await expect(ann.getByTestId("list-count-resolved")).toHaveCount(0);
  await expect(sam.getByTestId("list-count-resolved")).toHaveCount(0);
  await sam.getByTestId("list-tab-resolved").click();
  await expect(row(sam, name)).toBeVisible();

  await ann.close();
  await sam.close();
});

test("an agent without All access cannot open someone else's conversation", async ({ page, request, pageErrors }) => {
  // The conversation's API answers 404 to Bob (the pane says so): the browser logs the 404.
  pageErrors.allowConsoleErrors(/status of 404 .*\/api\/v1\/conversations\//);
  const name = `Private ${Date.now().toString(36)}`;
  const { conversationId } = await postIncomingMessage(request, {
    channel: "email",
    from: `private-${Date.now()}@example.com`,
    text: "For Ann only",
    contact: { name },
  });
  const assign = await request.post(`/api/v1/conversations/${conversationId}/assignee`, {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { assigneeId: demoUser("ann").id },
  });
  expect(assign.status()).toBe(200);

  await signIn(page, demoUser("bob"));
  await expect(page).toHaveURL(/\/inbox\/mine/);
  await expect(page.getByTestId("list-tab-all")).toHaveCount(0);
  await page.goto(`/inbox/unassigned?c=${conversationId}`);
  await expect(page.getByText("This conversation is not available")).toBeVisible();
  await expect(page.getByText("For Ann only")).toHaveCount(0);
  const api = await page.request.get(`/api/v1/conversations/${conversationId}`);
  expect(api.status()).toBe(404);
  await page.goto("/inbox/all");
  await expect(page).toHaveURL(/\/inbox\/mine/);
});

const rowName = async (page: Page, index: number) =>
  (await page.getByTestId("conversation-row").nth(index).locator("span.font-medium").first().textContent())!;

test("the inbox works with the keyboard: j/k to move, Enter to open, r to reply", async ({ page }) => {
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("conversation-title")).toHaveText(await rowName(page, 1));

  // k moves back up: from the fourth row twice up is the second.
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(page.getByTestId("conversation-row").nth(3)).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await expect(page.getByTestId("conversation-row").nth(1)).toHaveAttribute("data-focused", "true");
  await expect(page.getByTestId("conversation-row").nth(3)).not.toHaveAttribute("data-focused");
  // …and stops at the first row.
  for (let i = 0; i < 3; i++) await page.keyboard.press("k");
  await expect(page.getByTestId("conversation-row").nth(0)).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("conversation-title")).toHaveText(await rowName(page, 0));

  await page.keyboard.press("r");
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeFocused();
});

test("on a phone the list, the conversation and the user card are separate panes with back navigation", async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, demoUser("ann"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  const list = page.getByRole("listbox", { name: /conversations$/ });
  const timeline = page.getByRole("log", { name: "Conversation timeline" });
  const card = page.getByRole("complementary", { name: "User card" });
  await expect(list).toBeVisible();
  await expect(page.getByText("Select a conversation")).toBeHidden();

  const name = await rowName(page, 0);
  await page.getByTestId("conversation-row").first().click();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  await expect(timeline).toBeVisible();
  await expect(list).toBeHidden();
  await expect(card).toBeHidden();
  // The pane fits the screen: nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.getByRole("button", { name: "Show user card" }).click();
  await expect(card).toBeVisible();
  await expect(page.getByTestId("contact-name")).toHaveText(name);
  await expect(timeline).toBeHidden();
  await expect(list).toBeHidden();

  await page.getByRole("button", { name: "Back to the conversation" }).click();
  await expect(timeline).toBeVisible();
  await expect(card).toBeHidden();
  // Back at the newest message, not at the top of the timeline.
  await expect(page.getByTestId("message-in").or(page.getByTestId("message-out")).last()).toBeInViewport();

  await page.getByRole("button", { name: "Back to the list" }).click();
  await expect(list).toBeVisible();
  await expect(timeline).toBeHidden();
  await expect(page.getByTestId("conversation-row").first()).toBeInViewport();
  await page.close();
});

test("on a touch phone Enter writes a new line and the finger-sized Send button sends", async ({
  browser,
  request,
}) => {
  const name = `Thumb ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: `+1555${Date.now().toString().slice(-7)}`,
    text: "Are you open on Sundays?",
    contact: { name },
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, demoUser("ann"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await page.getByTestId("conversation-row").filter({ hasText: name }).tap();
  const reply = page.getByRole("textbox", { name: "Reply" });
  // No keyboard hint a phone cannot follow.
  await expect(reply).toHaveAttribute("placeholder", "Write a reply…");
  await reply.fill("Yes, from 10:00");
  await reply.press("Enter");
  await reply.pressSequentially("to 16:00.");
  await expect(reply).toHaveValue("Yes, from 10:00\nto 16:00.");
  await expect(page.getByTestId("message-out")).toHaveCount(0);
  const send = page.getByRole("button", { name: "Send reply" });
  const box = (await send.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await send.tap();
  await expect(page.getByTestId("message-out").filter({ hasText: "to 16:00." })).toBeVisible();
  await expect(reply).toHaveValue("");
  await context.close();
});

test("on a desktop the composer says its keys: Enter sends, Shift+Enter writes a new line", async ({
  page,
  request,
}) => {
  const name = `Keys ${Date.now().toString(36)}`;
  await postIncomingMessage(request, {
    channel: "whatsapp",
    from: `+1555${String(Date.now() + 7).slice(-7)}`,
    text: "Hello?",
    contact: { name },
  });
  await signIn(page, demoUser("ann"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await page.getByTestId("conversation-row").filter({ hasText: name }).click();
  const reply = page.getByRole("textbox", { name: "Reply" });
  await expect(reply).toHaveAttribute("placeholder", "Write a reply… (Enter to send, Shift+Enter for a new line)");
  await reply.fill("Hello!");
  await reply.press("Shift+Enter");
  await reply.pressSequentially("How can I help?");
  await reply.press("Enter");
  await expect(page.getByTestId("message-out").filter({ hasText: "How can I help?" })).toBeVisible();
  // 6,000 characters of three bytes each: over the 16 KB a page takes without a session, sent signed in.
  const long = "返信のテスト".repeat(1_000);
  await reply.fill(long);
  await reply.press("Enter");
  await expect(page.getByTestId("message-out").filter({ hasText: long.slice(0, 60) })).toBeVisible();
});

test("on a tablet the user card takes the conversation's place beside the list", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await signIn(page, demoUser("ann"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  const list = page.getByRole("listbox", { name: /conversations$/ });
  const timeline = page.getByRole("log", { name: "Conversation timeline" });
  const card = page.getByRole("complementary", { name: "User card" });
  await page.getByTestId("conversation-row").first().click();
  await expect(timeline).toBeVisible();
  await expect(card).toBeHidden();
  await page.getByRole("button", { name: "Show user card" }).click();
  await expect(card).toBeVisible();
  await expect(list).toBeVisible();
  await expect(timeline).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(timeline).toBeVisible();
  await expect(card).toBeHidden();
  await page.close();
});

test("switching lists keeps the live connection and the open conversation; Back returns to the previous list", async ({
  page,
  request,
}) => {
  const sockets: string[] = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));
  const name = `Tabby ${Date.now().toString(36)}`;
  const from = `tabby-${Date.now()}@example.com`;
  await postIncomingMessage(request, { channel: "email", from, text: "Which list am I in?", contact: { name } });
  await signIn(page, demoUser("ann"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await row(page, name).click();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  expect(sockets).toHaveLength(1);

  await page.getByTestId("list-tab-mine").click();
  await expect(page).toHaveURL(/\/inbox\/mine\?c=/);
  await expect(page.getByTestId("list-tab-mine")).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle(/^You · Bouncer$/);
  await expect(row(page, name)).toHaveCount(0);
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  await page.getByTestId("list-tab-unassigned").click();
  await expect(row(page, name)).toBeVisible();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);

  // Still connected and in the conversation's room: a message arriving now shows up live in it.
  await postIncomingMessage(request, { channel: "email", from, text: "Still there after the switch?" });
  await expect(page.getByTestId("message-in").filter({ hasText: "Still there after the switch?" })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/inbox\/mine\?c=/);
  await expect(page.getByTestId("list-tab-mine")).toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(/\/inbox\/all\?c=/);
  await expect(page.getByTestId("list-tab-all")).toHaveAttribute("aria-current", "page");
  await expect(row(page, name)).toBeVisible();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  expect(sockets).toHaveLength(1);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
});

test("infinite scroll stops on a failed page and Retry loads it", async ({ page, pageErrors }) => {
  pageErrors.allowConsoleErrors(/status of 500 .*\/api\/v1\/conversations\?.*cursor=/);
  await signIn(page, demoUser("admin"));
  // Live, and the resync that follows connecting has answered: the rows stay put from here on.
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("conversation-row")).toHaveCount(50);
  let failing = true;
  let attempts = 0;
  await page.route(/\/api\/v1\/conversations\?.*cursor=/, async (route) => {
    attempts++;
    if (failing)
      await route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal_error", message: "boom" } }),
      });
    else await route.continue();
  });
  await page.getByTestId("list-more").scrollIntoViewIfNeeded();
  await expect(page.getByText("Couldn’t load more conversations.")).toBeVisible();
  // No retry loop while the failure shows, even with the sentinel in view.
  await page.getByTestId("conversation-row").nth(40).scrollIntoViewIfNeeded();
  await page.getByTestId("list-more").scrollIntoViewIfNeeded();
  await page.waitForTimeout(1_000);
  expect(attempts).toBe(1);

  failing = false;
  await page.getByTestId("list-more").getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("conversation-row")).toHaveCount(100);
  expect(attempts).toBe(2);
});

test("a conversation that fails to load says so and retries; one that is gone says it is not available", async ({
  page,
  pageErrors,
}) => {
  pageErrors.allowConsoleErrors(
    /ERR_INTERNET_DISCONNECTED .*\/api\/v1\/conversations\//,
    /status of 404 .*\/api\/v1\/conversations\//,
  );
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  const first = page.getByTestId("conversation-row").first();
  const id = (await first.getAttribute("data-conversation-id"))!;
  const name = await rowName(page, 0);
  let mode: "offline" | "gone" | "ok" = "offline";
  await page.route(new RegExp(`/api/v1/conversations/${id}$`), async (route) => {
    if (mode === "offline") await route.abort("internetdisconnected");
    else if (mode === "gone")
      await route.fulfill({
        status: 404,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "not_found", message: "Conversation not found." } }),
      });
    else await route.continue();
  });
  await first.click();
  await expect(page.getByText("Couldn’t load this conversation")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`c=${id}`));
  mode = "ok";
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);

  // Gone while open (e.g. reassigned away): the pane says so instead of closing silently.
  mode = "gone";
  await page.getByTestId("conversation-row").nth(1).click();
  await first.click();
  await expect(page.getByText("This conversation is not available")).toBeVisible();
});

test("older messages load above the newest hundred without moving the timeline", async ({ page, request }) => {
  test.setTimeout(120_000);
  const name = `Chatty ${Date.now().toString(36)}`;
  const from = `chatty-${Date.now()}@example.com`;
  const { conversationId } = await postIncomingMessage(request, {
    channel: "email",
    from,
    text: "Message 001",
    contact: { name },
  });
  for (let i = 2; i <= 105; i++) {
    await postIncomingMessage(request, {
      channel: "email",
      from,
      text: `Message ${String(i).padStart(3, "0")}`,
      conversationId,
    });
  }
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await page.goto(`/inbox/all?c=${conversationId}`);
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  const bubble = (text: string) => page.getByTestId("message-in").filter({ hasText: text });
  await expect(bubble("Message 105")).toBeInViewport();
  await expect(bubble("Message 006")).toHaveCount(1);
  await expect(bubble("Message 005")).toHaveCount(0);

  const older = page.getByRole("button", { name: "Load older messages" });
  await older.scrollIntoViewIfNeeded();
  await expect(bubble("Message 006")).toBeInViewport();
  await older.focus();
  await page.keyboard.press("Enter");
  await expect(bubble("Message 001")).toHaveCount(1);
  // What the agent was reading stays in place; the older ones are above it.
  await expect(bubble("Message 006")).toBeInViewport();
  await expect(bubble("Message 001")).not.toBeInViewport();
  await expect(older).toHaveCount(0);
  await expect(page.getByText("Beginning of the conversation")).toBeAttached();
  await expect(page.getByTestId("message-in")).toHaveCount(105);
});
