import { defineConfig } from "vitest/config";
import path from "node:path";

const root = import.meta.dirname;

const shared = {
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside Next's server bundle the marker package throws; here it is the empty module it is there.
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          // Building the default model (training on the corpus) takes 1–3 s alone; with every unit file
          // running at once on a small machine it has gone past vitest's 5 s default.
          testTimeout: 20_000,
          // Every core (vitest's default leaves one free: on CI's two, one file at a time).
          maxWorkers: "100%",
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/global-setup.ts"],
          setupFiles: ["tests/helpers/per-file-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own database cloned from a migrated template, so files run in parallel: on
          // every core (vitest's default leaves one free, which on CI's 2 cores ran the files one at a time:
          // 6–7 min on PGlite, 4.6 with both; PostgreSQL ~5 → 3.6).
          pool: "forks",
          maxWorkers: "100%",
        },
      },
    ],
  },
});
