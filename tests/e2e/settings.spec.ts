import { expect, test, demoUser, signIn } from "./support/fixtures";

test("an admin creates a label, renames and recolors it, and deletes it", async ({ page }) => {
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/labels");
  await expect(page.getByRole("heading", { name: "Labels" })).toBeVisible();

  await page.getByRole("button", { name: "Create label" }).click();
  const dialog = page.getByRole("dialog", { name: "Create label" });
  await dialog.getByLabel("Name").fill("e2e-billing");
  await dialog.getByRole("radio", { name: "Amber" }).check({ force: true });
  await dialog.getByRole("button", { name: "Create label" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("label-row-e2e-billing");
  await expect(row).toContainText("e2e-billing");
  await expect(row).toContainText("0 conversations");

  // A second label with the same name in another case is refused with a clear message.
  await page.getByRole("button", { name: "Create label" }).click();
  await dialog.getByLabel("Name").fill("E2E-Billing");
  await dialog.getByRole("button", { name: "Create label" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already exists");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("button", { name: "Edit e2e-billing" }).click();
  await row.getByLabel("Name of e2e-billing").fill("e2e-invoices");
  await row.getByRole("radio", { name: "Violet" }).check({ force: true });
  await row.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByTestId("label-row-e2e-invoices");
  await expect(renamed).toContainText("e2e-invoices");
  await expect(page.getByTestId("label-row-e2e-billing")).toHaveCount(0);

  await renamed.getByRole("button", { name: "Delete e2e-invoices" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete label" });
  await expect(confirm).toContainText("No conversation carries it");
  await confirm.getByRole("button", { name: "Delete label" }).click();
  await expect(page.getByTestId("label-row-e2e-invoices")).toHaveCount(0);
});

test("an admin creates an API key, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("link", { name: /API reference/ })).toHaveAttribute("href", "/api/v1/openapi.json");

  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill("E2E connector");
  await dialog.getByLabel("Default agent").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: "Copy your new API key" });
  await expect(shown).toContainText("only time");
  const key = await shown.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^bk_\S{30,}$/);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  const row = page.getByTestId("api-key-row-E2E connector");
  await expect(row).toContainText(key.slice(0, 9));
  await expect(row).toContainText("Active");
  // Once the dialog is closed the key is gone from the page, and a reload does not bring it back.
  expect(await page.content()).not.toContain(key);
  await page.reload();
  expect(await page.content()).not.toContain(key);

  const headers = { authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/labels", { headers, data: { name: "from-e2e-key", color: "teal" } });
  expect(created.status()).toBe(201);
  const listed = await request.get("/api/v1/labels", { headers });
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { items: Array<{ name: string }>; nextCursor: null };
  expect(body.nextCursor).toBeNull();
  expect(body.items.map((label) => label.name)).toContain("from-e2e-key");

  await row.getByRole("button", { name: "Revoke E2E connector" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke API key" });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke E2E connector" })).toHaveCount(0);

  const refused = await request.get("/api/v1/labels", { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthenticated");
});

test("working hours: ranges per day, copied to weekdays, a backwards range refused on its row, always open", async ({
  page,
}) => {
  await signIn(page, demoUser("admin"));
  // "open now / closed now" is rendered by the browser after hydration: the form is live from then on.
  const hydrated = () => expect(page.getByTestId("working-hours-summary")).toContainText(/(open|closed) now/);
  await page.goto("/settings/live-chat");
  await hydrated();
  const alwaysOpen = page.getByRole("switch", { name: "Always open" });
  // The switch is drawn over a visually hidden checkbox: its label is what one clicks.
  const setAlwaysOpen = async (open: boolean) => {
    if ((await alwaysOpen.isChecked()) !== open) await page.locator("label", { hasText: "Always open" }).click();
    await expect(alwaysOpen).toBeChecked({ checked: open });
  };
  const save = page.getByRole("button", { name: "Save live-chat settings" });
  const saved = page.getByRole("status").filter({ hasText: "Saved" });
  try {
    await setAlwaysOpen(false);
    const monday = page.getByTestId("day-mon");
    if (!(await monday.getByRole("checkbox", { name: "Monday" }).isChecked()))
      await monday.getByRole("checkbox", { name: "Monday" }).check();
    await monday.getByLabel("Monday from").first().fill("08:00");
    await monday.getByLabel("Monday to").first().fill("12:00");
    await monday.getByRole("button", { name: "Hours" }).click();
    await expect(monday.getByLabel("Monday from")).toHaveCount(2);
    await monday.getByRole("button", { name: "Copy to Tue–Fri" }).click();
    await expect(page.getByTestId("day-fri").getByLabel("Friday from")).toHaveCount(2);
    await save.click();
    await expect(saved).toBeVisible();

    await page.reload();
    await hydrated();
    const tuesday = page.getByTestId("day-tue");
    await expect(tuesday.getByLabel("Tuesday from")).toHaveCount(2);
    await expect(tuesday.getByLabel("Tuesday from").first()).toHaveValue("08:00");
    await expect(tuesday.getByLabel("Tuesday to").first()).toHaveValue("12:00");

    // A range that ends before it starts: said on its row, refused by the server, nothing saved.
    const wednesday = page.getByTestId("day-wed");
    await wednesday.getByLabel("Wednesday from").first().fill("18:00");
    await expect(wednesday.getByText("Must end after it starts")).toBeVisible();
    await expect(saved).toHaveCount(0);
    await save.click();
    await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention." })).toBeVisible();
    await page.reload();
    await hydrated();
    await expect(page.getByTestId("day-wed").getByLabel("Wednesday from").first()).toHaveValue("08:00");
  } finally {
    await setAlwaysOpen(true);
    await save.click();
    await expect(saved).toBeVisible();
  }
});
