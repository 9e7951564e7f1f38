import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "check-line-length.mjs");
const repos: string[] = [];

/** A git repository holding `files` (tracked), where the check runs as npm run lint runs it. */
function repoWith(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "line-length-"));
  repos.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  spawnSync("git", ["init", "-q"], { cwd: dir });
  spawnSync("git", ["add", "."], { cwd: dir });
  return dir;
}

function check(dir: string) {
  const result = spawnSync(process.execPath, [script], { cwd: dir, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

afterEach(() => {
  for (const dir of repos.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each test starts git and node a few times: slow on a busy machine.
describe("check-line-length", { timeout: 30_000 }, () => {
  it("fails on a line over 120 characters , naming file:line:length", () => {
    const dir = repoWith({ "tests/a.test.ts": `ok\n${"x".repeat(121)}\n${"y".repeat(120)}\n` });
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain("tests/a.test.ts:2:121");
    expect(output).not.toContain("tests/a.test.ts:3:");
  });

  it("checks the work tree's text of tracked files, and ignores untracked ones", () => {
    const dir = repoWith({ "server.ts": "" });
    writeFileSync(path.join(dir, "server.ts"), `${"x".repeat(121)}\n`);
    writeFileSync(path.join(dir, "scratch.ts"), `${"x".repeat(121)}\n`);
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain("server.ts:1:121");
    expect(output).not.toContain("scratch.ts");
  });

  it("allows a SQL default in prisma/schema.prisma (an attribute cannot span lines), nothing else there", () => {
    const dbDefault = `  secret String @default(dbgenerated("${"x".repeat(120)}"))`;
    expect(check(repoWith({ "prisma/schema.prisma": `${dbDefault}\n` })).status).toBe(0);
    const { status, output } = check(repoWith({ "prisma/schema.prisma": `${dbDefault}\n/// ${"y".repeat(120)}\n` }));
    expect(status).toBe(1);
    expect(output).toContain("prisma/schema.prisma:2:");
    expect(output).not.toContain("prisma/schema.prisma:1:");
  });

  it("counts characters, not bytes", () => {
    expect(check(repoWith({ "components/a.tsx": `${"é".repeat(120)}\n` })).status).toBe(0);
  });

  it("checks app/ and lib/ like the rest, and skips migrations, generated code, data and Markdown", () => {
    const long = `${"x".repeat(130)}\n`;
    const dir = repoWith({
      "app/page.tsx": long,
      "lib/a.ts": long,
      "prisma/migrations/1_init/migration.sql": long,
      "lib/generated/prisma/client.ts": long,
      "prisma/seed-data/corpus.ts": long,
      "data.json": long,
      "README.md": long,
    });
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain("app/page.tsx:1:130");
    expect(output).toContain("lib/a.ts:1:130");
    expect(output).not.toMatch(/migrations|generated|seed-data|data\.json|README/);
  });
});
