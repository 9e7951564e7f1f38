// Starts the production server for the end-to-end tests on a fresh embedded database, so every run
// begins from the same demo seed. Playwright starts and stops it (playwright.config.ts webServer).
import { rmSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3210";
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? "test-results/e2e-data");
rmSync(dataDir, { recursive: true, force: true });

const child = spawn(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "server.ts"],
  {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", PORT: port, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", SEED_DEMO: "always" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
