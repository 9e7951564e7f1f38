// Issue 16: every message ingest answered is stored, exactly once, even when the process is killed with
// SIGKILL in the middle of a burst — messages are committed in groups (lib/messages/receive-group.ts),
// and a message is answered only after its group committed. A child process stores a burst
// (tests/helpers/ingest-burst-child.ts) on this file's database (PostgreSQL) or on a copy of it in a
// folder (the embedded database, as a server keeps it), and is killed once it has answered a few hundred.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { openDatabase, type DatabaseHandle } from "@/lib/db";

const ANSWERED_BEFORE_KILL = 300;
/** tests/helpers/ingest-burst-child.ts's callers: at most this many messages in flight at the kill. */
const CHILD_CALLERS = 40;

describe("ingest killed with SIGKILL during a burst", () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it("keeps every message it answered, each exactly once", async () => {
    const db = testDatabase();
    const { tenant } = await createTeam(db.prisma);
    // The child's database: this one on PostgreSQL; on the embedded database, a copy in a folder.
    let database: { env: Record<string, string>; open(): Promise<DatabaseHandle> };
    if (db.kind === "postgres") {
      database = { env: { BURST_DATABASE_URL: db.url! }, open: async () => db };
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), "bouncer-kill-"));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const dataDir = path.join(dir, "pglite");
      const copy = await openDatabase({ kind: "embedded", dataDir, loadDataDir: await db.dumpDataDir!() });
      await copy.close();
      database = {
        env: { BURST_DATA_DIR: dataDir },
        open: async () => {
          const reopened = await openDatabase({ kind: "embedded", dataDir });
          cleanup.push(() => reopened.close());
          return reopened;
        },
      };
    }

    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/helpers/ingest-burst-child.ts"],
      { env: { ...process.env, ...database.env, BURST_TENANT_ID: tenant.id }, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once("exit", (code, signal) => resolve(signal ?? code)),
    );
    cleanup.push(() => void child.kill("SIGKILL"));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const answered: string[] = [];
    let pending = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split("\n");
        pending = lines.pop()!;
        for (const line of lines) if (line !== "ready") answered.push(line);
        if (answered.length >= ANSWERED_BEFORE_KILL) {
          child.kill("SIGKILL"); // in the middle of the burst: groups in flight, callers waiting
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`the child ended before the kill: ${stderr.slice(-2000)}`)));
    });
    expect(await exited).toBe("SIGKILL");
    // A line cut by the kill is no answer.
    const answers = new Set(answered);

    const after = await database.open();
    const stored = await after.rawQuery<{ body: string; copies: number }>(
      `SELECT "body", count(*)::int AS "copies" FROM "Message" WHERE "tenantId" = $1 GROUP BY "body"`,
      [tenant.id],
    );
    const copies = new Map(stored.map((row) => [row.body, row.copies]));
    const lost = [...answers].filter((text) => !copies.has(text));
    expect(lost).toEqual([]);
    expect(stored.filter((row) => row.copies > 1)).toEqual([]);
    // Messages committed but not yet answered when the process died may be there too: never more than
    // were in flight (one per caller of the child). Each conversation's last activity is its latest message's.
    expect(copies.size - answers.size).toBeGreaterThanOrEqual(0);
    expect(copies.size - answers.size).toBeLessThanOrEqual(CHILD_CALLERS);
    const stale = await after.rawQuery<{ id: string }>(
      `SELECT c."id" FROM "Conversation" c
        WHERE c."tenantId" = $1
          AND c."lastMessageAt" <> (SELECT max(m."createdAt") FROM "Message" m WHERE m."conversationId" = c."id")`,
      [tenant.id],
    );
    expect(stale).toEqual([]);
  }, 120_000);
});
