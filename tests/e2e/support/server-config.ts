// Where the end-to-end servers run and keep their (fresh, throw-away) embedded databases.
//
// The journeys run in E2E_WORKERS Playwright workers (playwright.config.ts), each against a server and a
// database of its own, so one worker's data (bans, blocks, rate limits of 127.0.0.1) never meets the
// other's. Worker 0 uses E2E_PORT and E2E_DATA_DIR as given; worker N the port 10·N above and the data
// folder with "-N" appended. Playwright sets TEST_PARALLEL_INDEX in a worker before it loads the config
// or a test file, so the constants below are that worker's; the runner itself (no index) sees worker 0's.
import path from "node:path";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? "test-results/e2e-data");

/** How many workers, and so servers, the journeys run on: two by default (CI's machine has two cores). */
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

export interface E2EServer {
  port: number;
  dataDir: string;
  /** What the server printed (scripts/e2e-server.mjs writes it there too). */
  log: string;
}

export function e2eServer(index: number): E2EServer {
  const port = BASE_PORT + 10 * index;
  return {
    port,
    dataDir: index === 0 ? BASE_DATA_DIR : `${BASE_DATA_DIR}-${index}`,
    log: path.resolve(`test-results/e2e-server-${port}.log`),
  };
}

const own = e2eServer(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
export const E2E_PORT = own.port;
export const E2E_DATA_DIR = own.dataDir;
export const E2E_SERVER_LOG = own.log;
