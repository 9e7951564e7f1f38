import { expect, test, demo, demoUser, signIn } from "./support/fixtures";

test("unknown API paths answer a JSON 404 for every method; existing routes still answer", async ({ request }) => {
  const auth = { authorization: `Bearer ${demo().apiKey}` };
  for (const [method, path] of [
    ["GET", "/api/v1/nothing-here"],
    ["POST", "/api/v1/nothing-here"],
    ["PUT", "/api/v1/conversations/some-id/nothing"],
    ["PATCH", "/api/v1/a/b/c"],
    ["DELETE", "/api/v1/nothing-here"],
  ] as const) {
    const response = await request.fetch(path, {
      method,
      headers: auth,
      data: method === "GET" || method === "DELETE" ? undefined : {},
    });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({
      error: { code: "not_found", message: expect.stringContaining(path) },
    });
  }
  expect((await request.get("/api/v1/agents", { headers: auth })).status()).toBe(200);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);
  const missing = await request.get("/api/v1/conversations/no-such-conversation", { headers: auth });
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: { code: "not_found", message: "Conversation not found." } });
});

test("unknown pages say not found, inside the app for a signed-in agent", async ({ page, pageErrors }) => {
  // The pages answer 404 on purpose; the browser logs each.
  pageErrors.allowConsoleErrors(/status of 404 .*\/(inbox\/everything|no-such-page)\)$/);
  await signIn(page, demoUser("ann"));
  // A real 404, not a page that says so with 200 (the list is checked before the inbox streams).
  expect((await page.goto("/inbox/everything"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the inbox" }).click();
  await expect(page).toHaveURL(/\/inbox\//);
});
