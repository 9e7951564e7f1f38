import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/e2e/support/chromium";
import { E2E_PORT } from "./tests/e2e/support/server-config";

export default defineConfig({
  testDir: "tests/e2e",
  // One folder per server port, so parallel runs (different E2E_PORTs) keep their own artifacts.
  outputDir: `test-results/e2e-${E2E_PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  // `npm run screenshots` (SCREENSHOTS_DIR set) renders screen sets for review instead of running the journeys.
  projects: process.env.SCREENSHOTS_DIR
    ? [
        {
          name: "screenshots",
          testMatch: /.*\.screenshots\.ts$/,
          use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
        },
      ]
    : [
        {
          name: "chromium",
          testMatch: /.*\.spec\.ts$/,
          use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
        },
      ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
