import {
  expect,
  test,
  demo,
  demoUser,
  postIncomingMessage,
  signIn,
  unique,
  markDocument,
  notReloaded,
} from "./support/fixtures";
import { screenshotsDir } from "./screenshots/screenshots-dir";

const headers = () => ({ authorization: `Bearer ${demo().apiKey}` });
const phoneNumber = () => `+1555017${String(Math.floor(Math.random() * 9000) + 1000)}`;

test("an agent's open Sessions list shows new and resolved conversations without a reload, at 1440 and 390 px", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demoUser("ann"));
  const stamp = unique();
  await page.goto(`/sessions?q=${stamp}`);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  const dir = screenshotsDir("live-lists");

  // A customer writes: their conversation appears.
  const name = `Live Session ${stamp} One`;
  const chat = await postIncomingMessage(page.request, {
    channel: "whatsapp",
    from: phoneNumber(),
    text: "Is my order on its way?",
    contact: { name },
  });
  const row = page.getByTestId("session-row").filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText(/open|waiting/i);

  // Another agent (through the API) resolves it: the row says so.
  const resolved = await page.request.post(`/api/v1/conversations/${chat.conversationId}/status`, {
    headers: headers(),
    data: { status: "resolved" },
  });
  expect(resolved.status()).toBe(200);
  await expect(row).toContainText(/resolved/i, { timeout: 10_000 });
  await expect(page.getByTestId("live-updated")).toBeVisible();
  expect(await notReloaded(page)).toBe(true);
  await page.screenshot({ path: `${dir}/sessions-live-desktop.png` });

  // On a later page the rows hold still: the news waits in a button.
  await postIncomingMessage(page.request, {
    channel: "whatsapp",
    from: phoneNumber(),
    text: "Second question",
    contact: { name: `Live Session ${stamp} Two` },
  });
  await page.goto(`/sessions?q=${stamp}&limit=1`);
  await page.getByRole("link", { name: "Older conversations" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  await postIncomingMessage(page.request, {
    channel: "whatsapp",
    from: phoneNumber(),
    text: "A third one",
    contact: { name: `Live Session ${stamp} Three` },
  });
  const pending = page.getByTestId("live-pending");
  await expect(pending).toHaveText(/1 new conversation\s*Show/, { timeout: 10_000 });
  await page.screenshot({ path: `${dir}/sessions-pending-desktop.png` });

  await page.setViewportSize({ width: 390, height: 844 });
  await postIncomingMessage(page.request, {
    channel: "webchat",
    from: `visitor-${stamp}-4`,
    text: "A fourth one",
    contact: { name: `Live Session ${stamp} Four` },
  });
  await expect(pending).toHaveText(/2 new conversations\s*Show/, { timeout: 10_000 });
  await page.screenshot({ path: `${dir}/sessions-pending-phone.png` });
  // Asked for, the same page renders again, in place.
  await pending.click();
  await expect(pending).toBeHidden();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  expect(await notReloaded(page)).toBe(true);
  // From an older page, back to the newest under the same search: the newest of this run's conversations first.
  await page.getByRole("link", { name: "Newest conversations" }).click();
  await expect(page).not.toHaveURL(/[?&]cursor=/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${stamp}`));
  await expect(page.getByTestId("session-row").first()).toContainText(`Live Session ${stamp} Four`);
});

test("an admin's open Campaigns pages show another's campaigns, statuses and recipients without a reload", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demoUser("admin"));
  await page.goto("/campaigns");
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  const dir = screenshotsDir("live-lists");

  // A campaign created and activated through the API appears, Active.
  const name = `Live welcome ${unique()}`;
  const created = await page.request.post("/api/v1/campaigns", {
    headers: headers(),
    data: { name, kind: "ongoing", audience: [], message: "Welcome aboard!", activate: true },
  });
  expect(created.status()).toBe(201);
  const campaign = (await created.json()) as { id: string };
  const row = page.getByTestId(`campaign-row-${name}`);
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row.getByTestId("campaign-status")).toHaveText("Active");
  expect(await notReloaded(page)).toBe(true);

  // Its page: a new contact receives it, and the count follows; paused through the API, it says so.
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaign.id}$`));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  await expect(page.getByTestId("recipient-count")).toHaveText("0");
  await postIncomingMessage(page.request, {
    channel: "whatsapp",
    from: phoneNumber(),
    text: "Hi there",
    contact: { name: `Campaign Newcomer ${unique()}` },
  });
  await expect(page.getByTestId("recipient-count")).toHaveText("1", { timeout: 10_000 });
  await expect(page.getByTestId("campaign-recipients")).toContainText("Campaign Newcomer");
  const paused = await page.request.post(`/api/v1/campaigns/${campaign.id}/pause`, { headers: headers() });
  expect(paused.status()).toBe(200);
  await expect(page.getByTestId("campaign-status")).toHaveText("Paused", { timeout: 10_000 });
  expect(await notReloaded(page)).toBe(true);
  await page.screenshot({ path: `${dir}/campaign-live-desktop.png` });

  // Back on the list, with the keyboard in the table: a new campaign waits in the button.
  await page.getByRole("link", { name: "Campaigns" }).first().click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  await page.getByTestId(`campaign-row-${name}`).getByRole("link", { name }).focus();
  const next = await page.request.post("/api/v1/campaigns", {
    headers: headers(),
    data: { name: `Live draft ${unique()}`, kind: "one_time", audience: [], message: "Soon" },
  });
  expect(next.status()).toBe(201);
  const pending = page.getByTestId("live-pending");
  await expect(pending).toHaveText(/1 new campaign\s*Show/, { timeout: 10_000 });
  await page.screenshot({ path: `${dir}/campaigns-pending-desktop.png` });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId(`campaign-row-${name}`).getByRole("link", { name }).focus();
  const third = await page.request.post("/api/v1/campaigns", {
    headers: headers(),
    data: { name: `Live draft ${unique()}`, kind: "one_time", audience: [], message: "Later" },
  });
  expect(third.status()).toBe(201);
  await expect(pending).toHaveText(/2 new campaigns\s*Show/, { timeout: 10_000 });
  await page.screenshot({ path: `${dir}/campaigns-pending-phone.png` });
  await pending.click();
  await expect(pending).toBeHidden();
  await expect(page.getByText("Live draft").first()).toBeVisible();
  expect(await notReloaded(page)).toBe(true);

  // A draft being edited that another admin sends (to nobody: its audience matches no contact) becomes the sent
  // campaign's page without a reload.
  const draftName = `Live draft ${unique()}`;
  const draft = await page.request.post("/api/v1/campaigns", {
    headers: headers(),
    data: {
      name: draftName,
      kind: "one_time",
      audience: [{ kind: "trait", key: `nobody-${unique()}`, op: "exists" }],
      message: "Soon",
    },
  });
  expect(draft.status()).toBe(201);
  const draftId = ((await draft.json()) as { id: string }).id;
  await page.goto(`/campaigns/${draftId}`);
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await markDocument(page);
  const sent = await page.request.post(`/api/v1/campaigns/${draftId}/send`, { headers: headers() });
  expect(sent.status()).toBe(200);
  await expect(page.getByRole("heading", { name: draftName })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("campaign-status")).toHaveText("Sent");
  expect(await notReloaded(page)).toBe(true);
});
