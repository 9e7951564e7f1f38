import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/e2e/support/chromium";
import { E2E_PORT, E2E_WORKERS, e2eServer } from "./tests/e2e/support/server-config";

export default defineConfig({
  testDir: "tests/e2e",
  // One folder per server port, so parallel runs (different E2E_PORTs) keep their own artifacts.
  outputDir: `test-results/e2e-${E2E_PORT}`,
  // A file's journeys run in order in one worker; files spread over the workers, each with its own server
  // (tests/e2e/support/server-config.ts). In a worker E2E_PORT is that worker's server.
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: 0,
  // A journey signs in two or three people and walks a dozen pages; on a loaded 2-vCPU machine with two workers the
  // longest took 34–60 s (an operator's ban journey failed at 45.9 s once), so 90 s — each step keeps its own 10 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    // A failed journey keeps its trace: the DOM snapshots of each step, not the screencast. Recording the screencast
    // cost a quarter of the journeys' CPU and wall time (two files, two workers: 163 s and 277 s of CPU with it, 125 s
    // and 207 s without; no trace at all: 123 s), and the failure's own screenshot is kept below.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
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
  webServer: Array.from({ length: E2E_WORKERS }, (_, index) => {
    const server = e2eServer(index);
    return {
      command: "node scripts/e2e-server.mjs",
      url: `http://localhost:${server.port}/api/health`,
      env: { E2E_PORT: String(server.port), E2E_DATA_DIR: server.dataDir, E2E_SERVER_LOG: server.log },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
    };
  }),
});
