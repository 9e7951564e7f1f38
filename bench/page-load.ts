// Figure 6 — Page load: the production server on a database with 100k conversations; an agent signs in
// through /login in Chromium (Playwright), then each sample times page.goto("/inbox/all") until 50
// conversation rows are visible. No floor exists for this one. Target ≤ 1 s on localhost.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import type { BenchContext } from "./support/context";
import { DEFAULT_INBOX_SHAPE, seedInbox, seedTenant } from "./support/seed";
import { startServer } from "./support/server";
import { summarize } from "./support/stats";
import type { FigureRow } from "./support/report";

const PASSWORD = "bench password 1234";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** CHROMIUM_PATH, Debian's Chromium, or Playwright's own download; undefined when there is none. */
function chromiumPath(): string | undefined | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const file of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(file)) return file;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return undefined;
  } catch {
    // none
  }
  return null;
}

export async function benchPageLoad(ctx: BenchContext): Promise<FigureRow[]> {
  if (ctx.quick) {
    ctx.log("  page load: skipped in --quick (Chromium + a 100k-conversation server do not fit the one-minute budget)");
    return [];
  }
  const executablePath = chromiumPath();
  if (executablePath === null) {
    ctx.log(
      "  page load: skipped — no Chromium (install Debian's chromium, run `npx playwright install chromium`, or set " +
        "CHROMIUM_PATH)",
    );
    return [];
  }
  const samples = 12;
  const warmUp = 3;
  const shape = { ...DEFAULT_INBOX_SHAPE, messagesPerConversation: 1 };
  const database = await ctx.databases.fresh({ folder: true });
  const seedHandle = await database.open();
  let email: string;
  try {
    const tenant = await seedTenant(seedHandle, { agents: 20, passwordHash: await hashPassword(PASSWORD) });
    await seedInbox(seedHandle, tenant, shape);
    email = tenant.agents[1]!.email;
  } finally {
    await seedHandle.close();
  }

  const server = await startServer({ env: database.serverEnv() });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/inbox/, { timeout: 30_000 });

    const rows = page.locator('[data-testid="conversation-row"]');
    const times: number[] = [];
    for (let i = 0; i < warmUp + samples; i++) {
      // From a blank page, so every sample is a full navigation (server render, hydration, rows).
      await page.goto("about:blank");
      const started = process.hrtime.bigint();
      await page.goto("/inbox/all", { waitUntil: "commit" });
      await rows.nth(49).waitFor({ state: "visible", timeout: 30_000 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (i >= warmUp) times.push(ms);
    }
    const s = summarize(times);
    return [
      {
        figure: "6 page load",
        label: "/inbox/all until 50 rows visible",
        unit: "ms",
        value: { median: s.median, p95: s.p95 },
        floor: null,
        ratio: null,
        ratioOf: null,
        target: "p95 ≤ 1 s",
        pass: s.p95 <= 1000,
        notes:
          `${shape.conversations.toLocaleString("en-US")} conversations (one message each), production server, ` +
          `Chromium headless 1440×900, signed in through /login; ${samples} navigations after ${warmUp} warm-up, ` +
          `each from about:blank; no floor exists`,
        details: { samples: times },
      },
    ];
  } finally {
    await browser?.close();
    await server.stop();
  }
}
