// Shared end-to-end helpers: the demo credentials the server seeded, signing in through the real
// login page, and calling the public API with the demo key.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type APIRequestContext } from "@playwright/test";
import { E2E_DATA_DIR } from "./server-config";

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
  const response = await request.post("/api/v1/messages", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: body,
  });
  expect(response.status()).toBe(202);
  return (await response.json()) as { messageId: string; conversationId: string; contactId: string; admitted: boolean };
}
