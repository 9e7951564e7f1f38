// A fresh, migrated database for every figure, on the kind of database the run measures: the embedded
// PGlite (a copy of one migrated template, in memory or in a folder a server will own) or a new
// PostgreSQL database on the DATABASE_URL server (CREATE … TEMPLATE of one migrated template), dropped
// WITH (FORCE) afterwards — also when the run fails or is interrupted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { pgliteNotifications, postgresNotifications } from "@/lib/db/notifications";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { openDatabase, registerDatabase, type DatabaseHandle, type Db } from "@/lib/db";
import { openEmbeddedPglite } from "@/lib/db/embedded";
import {
  createPostgresAdapterFactory,
  createPostgresMigrationAdapterFactory,
  postgresConfigFromUrl,
} from "@/lib/db/postgres-adapter";
import { migrateDatabase } from "@/lib/db/schema-engine";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { traceAdapterFactory, type AdapterHooks } from "./traced-adapter";

export type DatabaseKind = "embedded" | "postgres";

export interface BenchDatabase {
  kind: DatabaseKind;
  /** bouncer_bench_<pid>_<n>, or the embedded folder. */
  name: string;
  /** PostgreSQL: the database's URL. */
  url?: string;
  /** Embedded with a folder: the DATA_DIR a server is started with (the database is DATA_DIR/pglite). */
  dataDir?: string;
  /**
   * Opens a handle like lib/db's openDatabase() (embedded: one at a time, and not while a server owns
   * the folder). `hooks`: see every statement Prisma runs and when transactions commit.
   */
  open(options?: OpenOptions): Promise<DatabaseHandle>;
  /** The environment a server process needs to use this database. */
  serverEnv(): Record<string, string>;
}

/**
 * Gives a PostgreSQL database that a figure filled from empty the planner statistics any running database
 * has (autovacuum's ANALYZE): without them, a prepared statement's or a PL/pgSQL function's cached plan is
 * made on guesses (a tenant's rows estimated at 6) and a message's lookup may scan the tenant's whole
 * index — measured: a banned message cost 0.4–4.4 ms of database CPU from run to run without, 0.2–0.26
 * with. Cached plans are made again after it. The embedded database plans every statement afresh: nothing
 * to do there.
 */
export async function analyzeStatistics(database: BenchDatabase): Promise<void> {
  if (database.kind !== "postgres" || !database.url) return;
  const client = new pg.Client(postgresConfigFromUrl(database.url));
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

export interface OpenOptions {
  poolSize?: number;
  hooks?: AdapterHooks;
}

/** The same client lib/db builds (secrets omitted), on a possibly traced adapter. */
function benchPrisma(adapter: SqlDriverAdapterFactory): Db {
  return new PrismaClient({
    adapter,
    omit: { agent: { passwordHash: true }, apiKey: { keyHash: true } },
  }) as unknown as Db;
}

async function openEmbedded(
  dataDir: string,
  dump: Blob | undefined,
  hooks: AdapterHooks | undefined,
): Promise<DatabaseHandle> {
  const embedded = await openEmbeddedPglite(dataDir, dump);
  const factory = new PrismaPGlite(embedded.pglite);
  const prisma = benchPrisma(hooks ? traceAdapterFactory(factory, hooks) : factory);
  return registerDatabase({
    kind: "embedded",
    prisma,
    migrationAdapterFactory: () => new PrismaPGlite(embedded.pglite),
    rawQuery: async (sql, params) => (await embedded.pglite.query(sql, params as unknown[])).rows as never,
    notifications: pgliteNotifications(embedded.pglite),
    dumpDataDir: () => embedded.pglite.dumpDataDir("gzip"),
    close: async () => {
      await prisma.$disconnect();
      await embedded.close();
    },
  });
}

async function openPostgres(url: string, poolSize: number, hooks: AdapterHooks | undefined): Promise<DatabaseHandle> {
  const factory = createPostgresAdapterFactory(url, poolSize);
  const prisma = benchPrisma(hooks ? traceAdapterFactory(factory, hooks) : factory);
  const rawPool = new pg.Pool({ ...postgresConfigFromUrl(url), max: poolSize });
  return registerDatabase({
    kind: "postgres",
    prisma,
    url,
    migrationAdapterFactory: () => createPostgresMigrationAdapterFactory(url),
    rawQuery: async (sql, params) => (await rawPool.query(sql, params as unknown[])).rows,
    notifications: postgresNotifications(url, (sql, params) => rawPool.query(sql, params as unknown[])),
    close: async () => {
      await prisma.$disconnect();
      await rawPool.end();
    },
  });
}

interface Cleanup {
  (): Promise<void>;
}

export class BenchDatabases {
  private counter = 0;
  private readonly cleanups: Cleanup[] = [];
  private templateDump?: Blob;
  private templateName?: string;

  private constructor(
    readonly kind: DatabaseKind,
    readonly adminUrl: string | undefined,
  ) {}

  /** Prepares the migrated template the run's databases are copied from. */
  static async create(
    kind: DatabaseKind,
    adminUrl?: string,
    log: (line: string) => void = () => {},
  ): Promise<BenchDatabases> {
    const databases = new BenchDatabases(kind, adminUrl);
    const started = Date.now();
    if (kind === "embedded") {
      const handle = await openDatabase({ kind: "embedded", dataDir: "memory://" });
      try {
        await migrateDatabase(handle);
        databases.templateDump = await handle.dumpDataDir!();
      } finally {
        await handle.close();
      }
    } else {
      if (!adminUrl) throw new Error("PostgreSQL benchmarks need DATABASE_URL");
      const name = databases.nextName();
      await databases.admin(`CREATE DATABASE "${name}"`);
      databases.cleanups.push(() => databases.dropDatabase(name));
      const handle = await openDatabase({ kind: "postgres", url: databases.urlOf(name), poolSize: 2 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
      databases.templateName = name;
    }
    log(`template database migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return databases;
  }

  /** A fresh copy of the migrated template. `folder`: embedded on disk (for a server to own). */
  async fresh(options: { folder?: boolean } = {}): Promise<BenchDatabase> {
    if (this.kind === "postgres") {
      const name = this.nextName();
      await this.admin(`CREATE DATABASE "${name}" TEMPLATE "${this.templateName}"`);
      this.cleanups.push(() => this.dropDatabase(name));
      const url = this.urlOf(name);
      return {
        kind: "postgres",
        name,
        url,
        open: ({ poolSize, hooks } = {}) => openPostgres(url, poolSize ?? 10, hooks),
        serverEnv: () => ({ DATABASE_URL: url }),
      };
    }
    const dump = this.templateDump!;
    if (!options.folder) {
      let opened = false;
      return {
        kind: "embedded",
        name: "memory://",
        open: async ({ hooks } = {}) => {
          if (opened) throw new Error("an in-memory bench database can be opened once");
          opened = true;
          return openEmbedded("memory://", dump, hooks);
        },
        serverEnv: () => {
          throw new Error("an in-memory database cannot be shared with a server: use fresh({ folder: true })");
        },
      };
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), "bouncer-bench-"));
    this.cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const folder = path.join(dataDir, "pglite");
    let loaded = false;
    return {
      kind: "embedded",
      name: folder,
      dataDir,
      open: async ({ hooks } = {}) => {
        const handle = await openEmbedded(folder, loaded ? undefined : dump, hooks);
        loaded = true;
        return handle;
      },
      serverEnv: () => {
        if (!loaded) throw new Error("open the folder once (to load the template) before a server uses it");
        return { DATA_DIR: dataDir, DATABASE_URL: "" };
      },
    };
  }

  /** Drops every database and folder this run made. Safe to call more than once. */
  async disposeAll(): Promise<void> {
    const cleanups = this.cleanups.splice(0).reverse();
    for (const cleanup of cleanups) {
      await cleanup().catch((error: unknown) =>
        console.error("bench cleanup:", error instanceof Error ? error.message : error),
      );
    }
  }

  private nextName(): string {
    return `bouncer_bench_${process.pid}_${this.counter++}`;
  }

  private urlOf(name: string): string {
    const url = new URL(this.adminUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async admin(sql: string): Promise<void> {
    const client = new pg.Client(postgresConfigFromUrl(this.adminUrl!));
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  private dropDatabase(name: string): Promise<void> {
    return this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
