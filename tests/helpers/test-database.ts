// A real, migrated database for one test file: a copy of the run's template (PGlite in memory by
// default, a fresh PostgreSQL database when DATABASE_URL is set). Never a mock.
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, useDatabase, type DatabaseHandle } from "@/lib/db";
import { postgresConfigFromUrl } from "@/lib/db/postgres-adapter";
import { closeAdmissionCacheOf } from "@/lib/admission/admission-cache";

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const source = inject("testDatabase");
  if (source.kind === "embedded") {
    const dump = new Blob([readFileSync(source.dumpFile)]);
    return openDatabase({ kind: "embedded", dataDir: "memory://", loadDataDir: dump });
  }
  const name = `bouncer_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client(postgresConfigFromUrl(source.url));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source.template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(source.url);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  const fileHandle: DatabaseHandle = {
    ...handle,
    close: async () => {
      // Its LISTEN connection first: the drop below would end it, and it would try to reconnect.
      await closeAdmissionCacheOf(fileHandle);
      await handle.close();
      const dropper = new pg.Client(postgresConfigFromUrl(source.url));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    },
  };
  return fileHandle;
}

let current: DatabaseHandle | undefined;

/** The database of the running test file (opened in per-file-setup.ts). */
export function testDatabase(): DatabaseHandle {
  if (!current) throw new Error("No test database: is tests/helpers/per-file-setup.ts in setupFiles?");
  return current;
}

export async function openFileDatabase(): Promise<DatabaseHandle> {
  current = await createTestDatabase();
  useDatabase(current);
  return current;
}

export async function closeFileDatabase(): Promise<void> {
  await current?.close();
  current = undefined;
}
