// Once per test run: migrate a template database. Each test file then starts from a copy of it —
// a PGlite dump by default, or `CREATE DATABASE … TEMPLATE` on PostgreSQL when DATABASE_URL is set.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { postgresConfigFromUrl } from "@/lib/db/postgres-adapter";
import { installJobQueueSchema } from "@/lib/events/postgres-job-queue";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "embedded"; dumpFile: string } | { kind: "postgres"; url: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `bouncer_test_template_${process.pid}`;
    const admin = new pg.Client(postgresConfigFromUrl(url));
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const templateUrl = withDatabase(url, template);
    const database = await openDatabase({ kind: "postgres", url: templateUrl, poolSize: 2 });
    await migrateDatabase(database);
    await database.close();
    // The durable job queue's schema too (each process would install it on first use), once per run.
    await installJobQueueSchema(templateUrl);
    project.provide("testDatabase", { kind: "postgres", url, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), "bouncer-test-"));
  const database = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  await migrateDatabase(database);
  const dump = await database.dumpDataDir!();
  const dumpFile = path.join(dir, "template.tar.gz");
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("testDatabase", { kind: "embedded", dumpFile });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
