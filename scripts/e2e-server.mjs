// Starts the production server for the end-to-end tests on a fresh embedded database, so every run
// begins from the same demo seed. Playwright starts and stops it (playwright.config.ts webServer).
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3210";
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? "test-results/e2e-data");
rmSync(dataDir, { recursive: true, force: true });
// The server's output also goes to a file, so a test can check what the server logged (e.g. that an
// expected 403 is one line, not a stack trace): tests/e2e/support/server-config.ts E2E_SERVER_LOG.
const logFile = path.resolve(process.env.E2E_SERVER_LOG ?? `test-results/e2e-server-${port}.log`);
mkdirSync(path.dirname(logFile), { recursive: true });
const log = createWriteStream(logFile, { flags: "w" });

const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "server.ts"], {
  stdio: ["inherit", "pipe", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    REDIS_URL: "",
    SEED_DEMO: "always",
  },
});
child.stdout.on("data", (chunk) => (process.stdout.write(chunk), log.write(chunk)));
child.stderr.on("data", (chunk) => (process.stderr.write(chunk), log.write(chunk)));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
