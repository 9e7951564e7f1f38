// Where the end-to-end server runs and keeps its (fresh, throw-away) embedded database.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? "test-results/e2e-data");
/** What the e2e server printed (scripts/e2e-server.mjs writes it there too). */
export const E2E_SERVER_LOG = path.resolve(process.env.E2E_SERVER_LOG ?? `test-results/e2e-server-${E2E_PORT}.log`);
