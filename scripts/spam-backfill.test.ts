import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProgress, parseBackfillArguments } from "./spam-backfill";

const repoRoot = path.resolve(import.meta.dirname, "..");

describe("spam:backfill CLI", () => {
  it("takes an optional --tenant and refuses anything else", () => {
    expect(parseBackfillArguments([])).toEqual({});
    expect(parseBackfillArguments(["--tenant", "t1"])).toEqual({ tenantId: "t1" });
    expect(parseBackfillArguments(["--tenant=t2"])).toEqual({ tenantId: "t2" });
    expect(parseBackfillArguments(["--tenant"])).toHaveProperty("error");
    expect(parseBackfillArguments(["--tenant", "--all"])).toHaveProperty("error");
    expect(parseBackfillArguments(["--all"])).toHaveProperty("error");
  });

  it("prints progress per tenant", () => {
    expect(formatProgress({ tenantId: "t", tenantName: "Demo", done: 1500, total: 5574 })).toBe(
      "Demo: 1,500/5,574 messages (26%)",
    );
    expect(formatProgress({ tenantId: "t", tenantName: "Empty", done: 0, total: 0 })).toBe(
      "Empty: 0/0 messages (100%)",
    );
  });

  it("exits 2 with the usage for a bad argument, before opening any database", () => {
    const run = spawnSync(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/spam-backfill.ts", "--everything"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage: npm run spam:backfill");
  }, 30_000);
});
