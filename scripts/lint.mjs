// npm run lint — Biome's linter, the formatter check once the codebase is formatted (a file
// .format-enforced at the repo root says so), the dependency rules in .dependency-cruiser.cjs, and lines of at
// most 120 characters (scripts/check-line-length.mjs).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;
const checks = [
  { title: "Biome lint", cmd: bin("biome"), args: ["lint", "."] },
  ...(existsSync(".format-enforced")
    ? [{ title: "Biome format check", cmd: bin("biome"), args: ["format", "."] }]
    : []),
  {
    title: "Dependency rules",
    cmd: process.execPath,
    // Preload: swc parses .tsx only with its tsx option on (see the file).
    args: [
      "-r",
      "./scripts/depcruise-swc-tsx.cjs",
      "node_modules/dependency-cruiser/bin/dependency-cruise.mjs",
      "--output-type",
      "err",
      "app",
      "components",
      "lib",
      "scripts",
      "tests",
      "bench",
      "server.ts",
      "proxy.ts",
    ],
  },
  { title: "Line length", cmd: process.execPath, args: ["scripts/check-line-length.mjs"] },
];

let failed = false;
for (const check of checks) {
  const result = spawnSync(check.cmd, check.args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✘ ${check.title} failed.`);
    failed = true;
  }
}
if (!existsSync(".format-enforced")) console.log("(format check off until .format-enforced exists: npm run format)");
process.exit(failed ? 1 : 0);
