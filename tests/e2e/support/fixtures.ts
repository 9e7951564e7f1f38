// Shared end-to-end helpers: the `test` every journey uses (it fails on any page error or console
// error, in every page the test opens), the demo credentials the server seeded, signing in through the
// real login page, and calling the public API with the demo key.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from "@playwright/test";
import { E2E_DATA_DIR } from "./server-config";

export { expect };

export interface PageErrors {
  /** Every page error, console error and Content-Security-Policy report seen so far, with where. */
  readonly seen: readonly string[];
  /**
   * Errors this test causes on purpose (a page that answers 404, a request the test aborts): console
   * errors matching one of these do not fail it. Uncaught page errors always do.
   */
  allowConsoleErrors(...patterns: RegExp[]): void;
}

/**
 * Every journey fails on an uncaught error in any of its pages (a React hydration error, a crash in an
 * event handler) and on any console error (React's warnings, a failed request nobody expected). The
 * listeners sit on every browser context the test creates (`page`, `browser.newPage()`,
 * `browser.newContext()`), so pages opened for a second agent or a visitor are watched too.
 */
export const test = base.extend<{ pageErrors: PageErrors }>({
  pageErrors: [
    async ({ browser }, use) => {
      const pageErrors: string[] = [];
      const consoleErrors: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (context: BrowserContext) => {
        // The message and where it happened; the minified stack says nothing more.
        context.on("weberror", (error) =>
          pageErrors.push(`page error on ${error.page()?.url() ?? "?"}: ${error.error().message}`),
        );
        context.on("console", (message: ConsoleMessage) => {
          // The resource a failed request was for is in the location, not the text: keep both. A CSP
          // violation fails the journey whatever level the browser reports it at.
          if (message.type() === "error" || /Content Security Policy/i.test(message.text())) {
            consoleErrors.push(
              `console error: ${message.text()} (at ${message.location().url || message.page()?.url() || "?"})`,
            );
          }
        });
      };
      for (const context of browser.contexts()) watch(context);
      browser.on("context", watch);
      await use({
        get seen() {
          return [...pageErrors, ...consoleErrors];
        },
        allowConsoleErrors: (...patterns) => allowed.push(...patterns),
      });
      browser.off("context", watch);
      const unexpected = [
        ...pageErrors,
        ...consoleErrors.filter((error) => !allowed.some((pattern) => pattern.test(error))),
      ];
      expect(unexpected, "no page errors or console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export interface DemoUser {
  id: string;
  email: string;
  password: string;
  role: "ADMIN" | "SUPERVISOR" | "AGENT";
  canSeeAllChats: boolean;
}

export interface DemoCredentials {
  tenantId: string;
  apiKey: string;
  users: DemoUser[];
}

export function demo(): DemoCredentials {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-credentials.json"), "utf8"));
}

export function demoUser(role: "admin" | "supervisor" | "ann" | "bob"): DemoUser {
  const user = demo().users.find((u) => u.email.startsWith(`${role}@`));
  if (!user) throw new Error(`no demo user ${role}`);
  return user;
}

/** A short stamp unique to this run and call, for names and searches a journey must find again among others. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

/** Marks the page's document, so that a reload (which would lose the mark) shows in notReloaded. */
export async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
}
/** Whether the document marked by markDocument is still the one shown (a live list must not reload the page). */
export const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload);

export async function signIn(page: Page, user: Pick<DemoUser, "email" | "password">) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

export async function postIncomingMessage(
  request: APIRequestContext,
  body: { channel: string; from: string; text: string; contact?: Record<string, unknown>; conversationId?: string },
) {
  // As a channel's webhook does: a sender past its limit is answered 429, and the message is delivered
  // again after Retry-After (a journey that posts a hundred messages from one sender meets it).
  let response = await request.post("/api/v1/messages", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: body,
  });
  for (let attempt = 0; response.status() === 429 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers()["retry-after"] ?? 1) * 1000));
    response = await request.post("/api/v1/messages", {
      headers: { authorization: `Bearer ${demo().apiKey}` },
      data: body,
    });
  }
  expect(response.status()).toBe(202);
  return (await response.json()) as { messageId: string; conversationId: string; contactId: string; admitted: boolean };
}
