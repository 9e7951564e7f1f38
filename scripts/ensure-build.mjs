// Builds the Next.js app when there is no build or the sources changed since the last one, so
// `npm start` on a fresh clone (or after a pull) serves current code without a manual build step.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "types",
  "public",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["generated", "node_modules"]);
const STAMP = ".next/bouncer-build-hash";

function* files(entry) {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) return yield entry;
  for (const name of readdirSync(entry).sort()) {
    if (!SKIP.has(name)) yield* files(path.join(entry, name));
  }
}

const hash = createHash("sha256");
for (const input of INPUTS) for (const file of files(input)) hash.update(file).update("\0").update(readFileSync(file));
const digest = hash.digest("hex");

const upToDate = existsSync(".next/BUILD_ID") && existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest;
if (upToDate) process.exit(0);

console.log("Building the web app (first start or sources changed)…");
const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(STAMP, digest);
