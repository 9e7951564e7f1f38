// DATA_DIR is the owner's alone (issue 13, item 1): the embedded database's files hold the generated
// session secret (in its tables and write-ahead log), enough to forge any agent's session. Folders
// 0700 and files 0600 — also those PGlite creates later, though it chmods its files to 0666 itself —
// an existing folder tightened on start, a start refused when it stays writable by others, and the
// first start says where the secret lives and that production should set NEXTAUTH_SECRET.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { secureDataDir, UnsafeDataDirError, type DataDirFs } from "@/lib/db/data-dir";
import fs from "node:fs";

const scratch = mkdtempSync(path.join(tmpdir(), "bouncer-data-dir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every entry under `dir` whose mode lets group or others in, as "0644 path". */
function looseEntries(dir: string): string[] {
  const loose: string[] = [];
  const visit = (entry: string) => {
    const stats = lstatSync(entry);
    if ((stats.mode & 0o077) !== 0) loose.push(`${(stats.mode & 0o777).toString(8)} ${path.relative(scratch, entry)}`);
    if (stats.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return loose;
}

function countEntries(dir: string): number {
  return readdirSync(dir, { recursive: true }).length;
}

describe("DATA_DIR permissions", () => {
  it("creates the embedded database owner-only, and keeps files PGlite creates later owner-only", async () => {
    const dataDir = path.join(scratch, "fresh", "data");
    const database = await openDatabase({ kind: "embedded", dataDir: path.join(dataDir, "pglite") });
    await database.rawQuery("CREATE TABLE secrets (value text)");
    await database.rawQuery("INSERT INTO secrets SELECT repeat('s', 500) FROM generate_series(1, 5000)");
    await database.rawQuery("CHECKPOINT");
    // New relations after start: new files, which PGlite chmods to 0666.
    await database.rawQuery("CREATE TABLE later AS SELECT * FROM secrets");
    await database.rawQuery("CREATE INDEX later_value ON later (value)");
    expect(looseEntries(dataDir)).toEqual([]);
    await database.close();
    expect(countEntries(dataDir)).toBeGreaterThan(500);
    expect(looseEntries(dataDir)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("tightens an existing folder others could read or write when the database opens", async () => {
    const dataDir = path.join(scratch, "loose");
    const pglite = path.join(dataDir, "pglite");
    mkdirSync(path.join(pglite, "global"), { recursive: true });
    writeFileSync(path.join(pglite, "global", "leftover"), "x");
    for (const [entry, mode] of [
      [dataDir, 0o777],
      [pglite, 0o755],
      [path.join(pglite, "global"), 0o775],
      [path.join(pglite, "global", "leftover"), 0o666],
    ] as const)
      chmodSync(entry, mode);
    const database = await openDatabase({ kind: "embedded", dataDir: pglite });
    await database.close();
    expect(looseEntries(pglite)).toEqual([]);
    expect(statSync(path.join(pglite, "global", "leftover")).mode & 0o777).toBe(0o600);
    // The folder above pglite is DATA_DIR, which the server's start secures (next test).
    const secured = secureDataDir(dataDir);
    expect(secured.tightened).toBeGreaterThan(0);
    expect(looseEntries(dataDir)).toEqual([]);
  });

  it("refuses a folder that stays writable by others, and warns about one that stays readable", () => {
    const dir = path.join(scratch, "not-ours");
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    // As on a folder owned by someone else: chmod fails.
    const notOwner: DataDirFs = {
      ...fs,
      chmodSync: () => {
        throw Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" });
      },
    };
    expect(() => secureDataDir(dir, notOwner)).toThrow(UnsafeDataDirError);
    expect(() => secureDataDir(dir, notOwner)).toThrow(/writable by other users \(mode 777\).*EPERM.*chmod 700/);
    chmodSync(dir, 0o755);
    expect(secureDataDir(dir, notOwner).warnings).toEqual([
      expect.stringContaining("readable by other users (mode 755)"),
    ]);
  });

  it("first start: says where the secret lives, to set NEXTAUTH_SECRET; secures DATA_DIR; refuses unsafe", () => {
    const dataDir = path.join(scratch, "started");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    const start = () =>
      spawnSync(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "tests/helpers/bootstrap-once.ts"],
        {
          encoding: "utf8",
          timeout: 60_000,
          env: {
            ...process.env,
            DATA_DIR: dataDir,
            DATABASE_URL: "",
            NEXTAUTH_SECRET: "",
            SEED_DEMO: "never",
            NODE_ENV: "production",
          },
        },
      );
    const first = start();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("made 1 entry owner-only");
    expect(first.stdout).toMatch(
      new RegExp(
        `Session secret: NEXTAUTH_SECRET is not set.*embedded database in ${dataDir}/pglite.*set NEXTAUTH_SECRET`,
      ),
    );
    expect(looseEntries(dataDir)).toEqual([]);

    const second = start();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("Session secret");

    // A DATA_DIR that is a file cannot be made safe: the start stops with the reason.
    const file = path.join(scratch, "a-file");
    writeFileSync(file, "");
    const refused = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "tests/helpers/bootstrap-once.ts"],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, DATA_DIR: file, DATABASE_URL: "", SEED_DEMO: "never" },
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR ${file} is not a folder.`);
  }, 120_000);
});
