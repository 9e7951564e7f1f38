// Key facts are never cut off (issue 14, item 6): a live-chat block in the conversation header, the
// "Marked as Spam" trait, the Sessions status filter, the bulk bar and the Blacklist table read in
// full at 1280 px and on a phone; and every table's header names each column its rows show.
import type { Locator, Page } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

/** Nothing of the element is hidden: not outside the screen, not clipped or ellipsed by a box around it. */
async function expectNotCut(locator: Locator) {
  await expect(locator).toBeVisible();
  const problems = await locator.evaluate((element) => {
    const found: string[] = [];
    const box = element.getBoundingClientRect();
    if (box.left < -1 || box.right > window.innerWidth + 1)
      found.push(`outside the screen (${Math.round(box.left)}–${Math.round(box.right)})`);
    if (element.scrollWidth > element.clientWidth + 1)
      found.push(`its own text overflows (${element.scrollWidth} > ${element.clientWidth})`);
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      // A box that hides what sticks out (truncate, overflow-hidden) but does not scroll to it.
      if (style.overflowX !== "hidden" && style.overflowX !== "clip") continue;
      const outer = node.getBoundingClientRect();
      if (box.left < outer.left - 1 || box.right > outer.right + 1)
        found.push(`clipped by <${node.tagName.toLowerCase()} class="${node.className}">`);
    }
    return found;
  });
  expect(problems, await locator.evaluate((e) => e.textContent ?? "")).toEqual([]);
}

/** The selected choice of a <select> fits in it (with room for the arrow). */
async function expectSelectionFits(select: Locator) {
  const [needed, width] = await select.evaluate((element: HTMLSelectElement) => {
    const probe = document.createElement("span");
    const style = getComputedStyle(element);
    probe.style.font = style.font;
    probe.style.position = "absolute";
    probe.style.whiteSpace = "nowrap";
    probe.textContent = element.selectedOptions[0]?.textContent ?? "";
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    return [text + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight), element.clientWidth];
  });
  expect(width, "select width").toBeGreaterThanOrEqual(needed);
}

/** An input's placeholder fits in it (inside its padding): a hint cut short reads as nonsense. */
async function expectPlaceholderFits(input: Locator) {
  const [needed, width] = await input.evaluate((element: HTMLInputElement) => {
    const probe = document.createElement("span");
    const style = getComputedStyle(element);
    probe.style.font = style.font;
    probe.style.position = "absolute";
    probe.style.whiteSpace = "nowrap";
    probe.textContent = element.placeholder;
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    // An input with suggestions (a datalist) shows a picker arrow inside it on touch screens, which
    // clientWidth does not count: room for it too.
    const picker = element.list ? 20 : 0;
    return [text + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + picker, element.clientWidth];
  });
  expect(width, `room for “${await input.getAttribute("placeholder")}”`).toBeGreaterThanOrEqual(needed);
}

async function blockedSpammer(request: Parameters<typeof postIncomingMessage>[0]) {
  const stamp = Date.now().toString(36);
  const name = `Bartholomew Featherstonehaugh-Okonkwo ${stamp}`;
  const chat = await postIncomingMessage(request, {
    channel: "webchat",
    from: `visitor-layout-${stamp}`,
    text: "Buy followers at followers-now.xyz",
    contact: { name, externalId: `user-layout-${stamp}`, authenticated: true },
  });
  const headers = { authorization: `Bearer ${demo().apiKey}` };
  expect(
    (
      await request.post("/api/v1/livechat/block", {
        headers,
        data: { conversationId: chat.conversationId, BlockReason: "Spam in the live chat" },
      })
    ).status(),
  ).toBe(200);
  expect((await request.post(`/api/v1/contacts/${chat.contactId}/spam`, { headers })).status()).toBe(200);
  return { ...chat, name };
}

async function openConversation(page: Page, conversationId: string, name: string) {
  await page.goto(`/inbox/spam?c=${conversationId}`);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
}

for (const [width, height, label] of [
  [1280, 800, "at 1280 px"],
  [390, 844, "on a phone"],
] as const) {
  test(`important states read in full ${label}`, async ({ page, request }) => {
    await page.setViewportSize({ width, height });
    const chat = await blockedSpammer(request);
    await signIn(page, demoUser("admin"));
    await openConversation(page, chat.conversationId, chat.name);
    const badge = page.getByTestId("live-chat-blocked-badge");
    await expect(badge).toContainText(/Live chat blocked until \S+/);
    await expectNotCut(badge);

    // The user card (beside the conversation from 1280 px, its own pane on a phone).
    if (width < 1280) await page.getByRole("button", { name: "Show user card" }).click();
    const card = page.getByRole("complementary", { name: "User card" });
    await expectNotCut(card.getByTestId("contact-spam-status"));
    const trait = card.getByTestId("trait-Marked as Spam");
    await expect(trait).toContainText("Yes");
    await expectNotCut(trait.getByText("Marked as Spam", { exact: true }));

    await page.goto("/sessions?status=banned");
    await expectSelectionFits(page.getByLabel("Status"));
    await expect(page.getByLabel("Status")).toHaveValue("banned");

    await page.goto("/settings/blacklist?active=1&inactive=1");
    // The table spans its box; so does its header row, except on a phone, where the rows are cards
    // (below: "on a phone every table row is a card…").
    const table = page.locator("table").first();
    const [tableWidth, boxWidth] = await table.evaluate((element) => [
      element.getBoundingClientRect().width,
      element.parentElement!.clientWidth,
    ]);
    expect(tableWidth).toBeGreaterThanOrEqual(boxWidth - 1);
    if (width < 640) return;
    const header = table.locator("thead tr");
    // Polled: the row can be between two renders for a moment after the page loads (boundingBox is null then).
    await expect.poll(async () => (await header.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(tableWidth - 1);
  });
}

test("the bulk bar keeps its buttons on their lines in the narrowest list column", async ({ page }) => {
  // From md the list is a 20 rem column beside the conversation: the narrowest it gets.
  await page.setViewportSize({ width: 900, height: 800 });
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  const boxes = page.getByRole("checkbox", { name: /^Select conversation with / });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("2 selected");
  for (const name of ["Clear", "Mark users as spam", "Un-mark"]) {
    const button = bar.getByRole("button", { name });
    await expectNotCut(button);
    // One line of text each: no label broken across two lines.
    expect((await button.boundingBox())!.height).toBeLessThan(36);
  }
  // "Clear" sits on the line of what it clears.
  const count = (await bar.getByText("2 selected").boundingBox())!;
  const clear = (await bar.getByRole("button", { name: "Clear" }).boundingBox())!;
  expect(Math.abs(count.y + count.height / 2 - (clear.y + clear.height / 2))).toBeLessThan(8);
});

/** For each visible table: how many columns its header names, and how many each row fills (colspans counted). */
async function visibleColumns(page: Page) {
  return page.locator("table").evaluateAll((tables) =>
    tables
      .filter((table) => table.getClientRects().length > 0)
      .map((table) => {
        const shown = (cell: Element) => cell.getClientRects().length > 0;
        const span = (cells: Element[]) =>
          cells.filter(shown).reduce((sum, cell) => sum + ((cell as HTMLTableCellElement).colSpan || 1), 0);
        const box = table.closest("[aria-label]");
        return {
          table: table.getAttribute("data-testid") ?? box?.getAttribute("aria-label"),
          // How far the table's box scrolls sideways (0: the table fits).
          overflow: box ? box.scrollWidth - box.clientWidth : 0,
          header: span([...table.querySelectorAll("thead tr:first-child > th")]),
          rows: [...table.querySelectorAll("tbody > tr")].map((row) => span([...row.children])),
        };
      }),
  );
}

/** An agent with a long name and email, deactivated (the status pill wider than "Active"). */
async function addDeactivatedAgent(page: Page) {
  const stamp = Date.now().toString(36);
  const email = `maximiliana.featherstonehaugh-${stamp}@demo.bouncer.test`;
  await page.goto("/settings/agents");
  await page.getByRole("button", { name: "Add agent" }).click();
  const dialog = page.getByRole("dialog", { name: "Add agent" });
  await dialog.getByLabel("Name").fill(`Maximiliana Featherstonehaugh ${stamp}`);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill(`layout-password-${stamp}`);
  await dialog.getByLabel("Role").selectOption("SUPERVISOR");
  await dialog.getByRole("button", { name: "Add agent" }).click();
  const row = page.getByTestId(`agent-row-${email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
}

/**
 * An email ban whose identifier is as long as a real address gets (64 characters before the @): the
 * Blacklist must wrap it rather than scroll. Times in the table change width with the clock (12:59 PM is
 * wider than 1:00 PM), so a table that only just fits passed or failed by the hour it ran at.
 */
async function addLongIdentifierBan(request: Parameters<typeof postIncomingMessage>[0]) {
  // No hyphen, dot or other place a line may break at.
  const local = `averylongmailboxnamethataspammerpickedonpurposetowidenatable${Date.now().toString(36)}`.slice(0, 64);
  const response = await request.post("/api/v1/bans", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { channel: "email", identifier: `${local}@example.com`, reason: "Phishing" },
  });
  expect(response.status()).toBe(201);
}

for (const [width, height, label] of [
  [1440, 900, "on a wide screen"],
  [390, 844, "on a phone"],
] as const) {
  test(`every table's header names each column its rows show ${label}`, async ({ page, request }) => {
    await page.setViewportSize({ width, height });
    await blockedSpammer(request); // a spam user with a string, a live-chat block, a blacklist entry's kin
    await signIn(page, demoUser("admin"));
    if (width >= 1280) {
      await addDeactivatedAgent(page); // the widest agent row: a long name, "Deactivated"
      await addLongIdentifierBan(request); // a ban row whose identifier has no place to break
    }
    const users = "/spam-manager/users";
    await page.goto(users);
    const firstUser = page.getByTestId("spam-user-row").first();
    await expect(firstUser).toBeVisible();
    const paths = [
      users,
      "/spam-manager/domains",
      "/spam-manager/urls",
      "/spam-manager/log",
      "/spam-manager/lists",
      "/live-chat-blacklist",
      "/settings/labels",
      "/settings/agents",
      "/settings/blacklist?active=1&inactive=1",
      "/settings/api-keys",
      "/settings/audit-log",
    ];
    for (const path of paths) {
      await page.goto(path);
      // Server-rendered, but a page under a loading boundary swaps its content in after the load event.
      await expect(page.locator("tbody > tr").first()).toBeVisible();
      const tables = await visibleColumns(page);
      expect(tables.length, `${path}: its table`).toBeGreaterThan(0);
      for (const { table, header, rows, overflow } of tables) {
        for (const row of rows) expect(row, `${path}: a row of ${table}`).toBe(header);
        // On a wide screen nothing of a table hides behind a sideways scroll (a phone may scroll).
        if (width >= 1280) expect(overflow, `${path}: ${table} scrolls sideways`).toBeLessThanOrEqual(1);
      }
    }
    // Beside an open user's history the list narrows: the columns it drops go from its header too.
    await page.goto(users);
    await page.getByTestId("spam-user-row").first().locator("a").first().click();
    await expect(page).toHaveURL(/[?&]u=/);
    for (const { table, header, rows } of await visibleColumns(page)) {
      for (const row of rows) expect(row, `${users} with a user open: a row of ${table}`).toBe(header);
    }
  });
}

/** The tables whose rows carry actions, with a row's actions as an admin sees them in this run. */
const TABLES_WITH_ACTIONS = [
  {
    path: "/settings/agents",
    row: "tr[data-testid^='agent-row-']",
    actions: ["Set password", "Sign out everywhere", "Deactivate", "Reactivate"],
  },
  { path: "/settings/blacklist", row: "[data-testid='ban-row']", actions: ["Deactivate"] },
  { path: "/settings/api-keys", row: "tr[data-testid^='api-key-row-']", actions: [/^Revoke /] },
  { path: "/live-chat-blacklist", row: "[data-testid='live-chat-block-row']", actions: [/^Unblock /] },
] as const;

/** A live-chat block and an active ban of this run, so every table above has a row with its actions. */
async function rowsWithActions(request: Parameters<typeof postIncomingMessage>[0]) {
  await blockedSpammer(request);
  const response = await request.post("/api/v1/bans", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { channel: "email", identifier: `cards-${Date.now().toString(36)}@example.com`, reason: "Phishing mails" },
  });
  expect(response.status()).toBe(201);
}

test("on a phone every table row is a card with all its actions on screen, no sideways scroll", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await rowsWithActions(request);
  await signIn(page, demoUser("admin"));
  for (const { path, row: rowSelector, actions } of TABLES_WITH_ACTIONS) {
    await page.goto(path);
    const box = page.locator("section:has(> table)");
    const rows = box.locator(rowSelector);
    await expect(rows.first()).toBeVisible();
    // Neither the page nor the table's box scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThan(1);
    expect(await box.evaluate((element) => element.scrollWidth - element.clientWidth), path).toBeLessThan(1);
    const boxBounds = (await box.boundingBox())!;
    let checked = 0;
    for (const row of await rows.all()) {
      for (const name of actions) {
        const buttons = row.getByRole("button", { name });
        if ((await buttons.count()) === 0) continue; // e.g. no Revoke on a revoked key, none on one's own agent
        const button = buttons.first();
        await button.scrollIntoViewIfNeeded();
        const bounds = (await button.boundingBox())!;
        expect(bounds.x, `${path}: ${name}`).toBeGreaterThanOrEqual(boxBounds.x);
        expect(bounds.x + bounds.width, `${path}: ${name}`).toBeLessThanOrEqual(boxBounds.x + boxBounds.width);
        expect(bounds.x + bounds.width, `${path}: ${name}`).toBeLessThanOrEqual(390);
        checked++;
      }
      // What a keyboard reaches next is never above what it reached before: the card reads in tab order.
      const tops = await row.evaluate((element) =>
        [...element.querySelectorAll<HTMLElement>("a[href], button, select, input")]
          .filter((control) => control.getClientRects().length > 0)
          .map((control) => control.getBoundingClientRect().top),
      );
      for (let index = 1; index < tops.length; index++)
        expect(tops[index]!, `${path}: tab order`).toBeGreaterThanOrEqual(tops[index - 1]! - 1);
    }
    expect(checked, `${path}: row actions`).toBeGreaterThan(0);
  }
});

test("on a wide screen the same tables stay tables: a header row and one line per row", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await rowsWithActions(request);
  await signIn(page, demoUser("admin"));
  for (const { path, row: rowSelector } of TABLES_WITH_ACTIONS) {
    await page.goto(path);
    const table = page.locator("section:has(> table) > table");
    await expect(table.locator("thead tr")).toBeVisible();
    const row = table.locator(rowSelector).first();
    await expect(row).toHaveCSS("display", "table-row");
    // Every cell of the row starts on its top line, none below another.
    const tops = await row.evaluate((element) =>
      [...element.children]
        .filter((cell) => cell.getClientRects().length > 0)
        .map((cell) => cell.getBoundingClientRect().top),
    );
    expect(new Set(tops.map(Math.round)).size, path).toBe(1);
  }
});

for (const [width, height, label] of [
  [1440, 900, "on a wide screen"],
  [390, 844, "on a phone"],
] as const) {
  test(`a campaign's trait condition has room for its name and value ${label}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signIn(page, demoUser("admin"));
    await page.goto("/campaigns/new");
    await page.getByRole("button", { name: "Add condition" }).click();
    const condition = page.getByTestId(/^condition-\d+$/).last();
    await condition.getByLabel(/: what to check$/).selectOption("trait");
    for (const field of [/: trait name$/, /: value$/]) {
      const input = condition.getByLabel(field);
      await expect(input).toBeVisible();
      await expectPlaceholderFits(input);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThan(1);
  });
}
