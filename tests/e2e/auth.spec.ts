import { expect, test, demoUser, signIn } from "./support/fixtures";

test("pages redirect to /login without a session", async ({ page }) => {
  for (const path of ["/inbox", "/settings/agents"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await expect(page.getByRole("heading", { name: "Sign in to Bouncer" })).toBeVisible();
  }
});

test("a wrong password is refused with a clear message", async ({ page, pageErrors }) => {
  // next-auth answers a refused sign-in 401; the browser logs it.
  pageErrors.allowConsoleErrors(/status of 401 .*\/api\/auth\/callback\/credentials/);
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoUser("admin").email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the demo admin signs in, sees the app and signs out", async ({ page }) => {
  await signIn(page, demoUser("admin"));
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // The page is running (Sign out is a script), not only painted from the server's HTML.
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  // The browser is remembered for this account (a device cookie, sent to the sign-in routes only).
  const device = (await page.context().cookies()).find((cookie) => cookie.name === "bouncer-device");
  expect(device).toMatchObject({ httpOnly: true, path: "/api/auth", sameSite: "Lax" });
  expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
  // Signing out ends the session, not the browser's standing: it is still the owner's.
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain("bouncer-device");
});

test("an admin adds an agent who can then sign in, and deactivates them", async ({ page, browser, pageErrors }) => {
  pageErrors.allowConsoleErrors(/status of 401 .*\/api\/auth\/callback\/credentials/);
  await signIn(page, demoUser("admin"));
  await page.goto("/settings/agents");
  await page.getByRole("button", { name: "Add agent" }).click();
  const dialog = page.getByRole("dialog", { name: "Add agent" });
  await dialog.getByLabel("Name").fill("Cleo Newhire");
  await dialog.getByLabel("Email").fill("cleo@demo.bouncer.test");
  await dialog.getByLabel("Initial password").fill("cleo-password-1");
  await dialog.getByLabel("Role").selectOption("AGENT");
  await dialog.getByRole("button", { name: "Add agent" }).click();
  const row = page.getByTestId("agent-row-cleo@demo.bouncer.test");
  await expect(row).toContainText("Cleo Newhire");

  const other = await browser.newPage();
  await signIn(other, { email: "cleo@demo.bouncer.test", password: "cleo-password-1" });
  await other.close();

  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  const again = await browser.newPage();
  await again.goto("/login");
  await again.getByLabel("Email").fill("cleo@demo.bouncer.test");
  await again.getByLabel("Password").fill("cleo-password-1");
  await again.getByRole("button", { name: "Sign in" }).click();
  // With the right password they are told why they cannot sign in…
  await expect(
    again
      .getByRole("alert")
      .filter({ hasText: "This account is deactivated. Ask an admin of your team to reactivate it." }),
  ).toBeVisible();
  await expect(again).toHaveURL(/\/login/);
  // …and anyone without it learns nothing about the account.
  await again.getByLabel("Password").fill("a-guessed-password");
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect(again.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(again.getByRole("alert").filter({ hasText: "deactivated" })).toHaveCount(0);
  await again.close();
});

test("the health endpoint reports ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", db: "ok", events: { failed: 0 } });
});
