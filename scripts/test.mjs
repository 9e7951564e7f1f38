// npm test — every tier in order: type check, lint (Biome + dependency rules), unit, integration (embedded
// PGlite, or PostgreSQL when DATABASE_URL is set), then a production build and the Playwright journeys in Chromium.
//   npm test -- --tier integration     run one tier (typecheck | lint | unit | integration | e2e)
import { spawnSync } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;
const tierArg = process.argv.indexOf("--tier");
const only = tierArg > 0 ? process.argv[tierArg + 1] : undefined;

const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
const steps = [
  { tier: "typecheck", title: "Type check", cmd: bin("tsc"), args: ["--noEmit"] },
  { tier: "lint", title: "Lint and dependency rules", cmd: process.execPath, args: ["scripts/lint.mjs"] },
  { tier: "unit", title: "Unit tests", cmd: bin("vitest"), args: ["run", "--project", "unit"] },
  {
    tier: "integration",
    title: `Integration tests on ${database}`,
    cmd: bin("vitest"),
    args: ["run", "--project", "integration"],
  },
  { tier: "e2e", title: "Production build", cmd: process.execPath, args: ["scripts/ensure-build.mjs"] },
  { tier: "e2e", title: "End-to-end tests in Chromium", cmd: bin("playwright"), args: ["test"] },
].filter((step) => !only || step.tier === only);

if (!steps.length) {
  console.error(`Unknown tier ${only}: use typecheck, lint, unit, integration or e2e.`);
  process.exit(2);
}

if (steps.some((s) => s.tier === "e2e")) {
  // Fail before the long tiers when there is no browser for the last one.
  const check = spawnSync(
    bin("tsx"),
    ["-e", 'import("./tests/e2e/support/chromium.ts").then(m => m.chromiumExecutable())'],
    { stdio: "inherit" },
  );
  if (check.status !== 0) process.exit(1);
}

const started = Date.now();
// Once this run has checked the types, the production build does not check them again (next.config.ts).
let typesChecked = false;
for (const step of steps) {
  console.log(`\n━━ ${step.title} ━━`);
  const t0 = Date.now();
  const result = spawnSync(step.cmd, step.args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(typesChecked ? { BOUNCER_TYPES_CHECKED: "1" } : {}) },
  });
  if (result.status !== 0) {
    console.error(`\n✘ ${step.title} failed.`);
    process.exit(result.status ?? 1);
  }
  if (step.tier === "typecheck") typesChecked = true;
  console.log(`✔ ${step.title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
