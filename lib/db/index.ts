// The Prisma client factory: the embedded PGlite database by default, a real PostgreSQL server when
// DATABASE_URL is set. One handle per process, shared through globalThis so that server.ts and the
// Next.js route bundle (which loads its own copy of this module) use the same connection.
import { createHash } from "node:crypto";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { env } from "@/lib/env";
import type { NotificationListener } from "./notifications";

/** Secrets are omitted from every query unless a caller asks for them explicitly. */
const OMIT_SECRETS = { agent: { passwordHash: true }, apiKey: { keyHash: true } } as const;

function createPrismaClient(adapter: SqlMigrationAwareDriverAdapterFactory) {
  return new PrismaClient({ adapter, omit: OMIT_SECRETS });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Either: lib functions that only read accept both. */
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  kind: OpenDatabaseOptions["kind"];
  prisma: Db;
  /** PostgreSQL only: the server's URL (the durable job queue's worker connects with it). */
  url?: string;
  /** A fresh adapter factory for the schema engine (migrations). */
  migrationAdapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs hand-written SQL on the same driver, bypassing Prisma (benchmark floors, health checks, ingest's
   * write). `prepared`: PostgreSQL keeps the statement per connection, planned once, not at every call.
   */
  rawQuery<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { prepared?: boolean },
  ): Promise<T[]>;
  /** LISTEN/NOTIFY on this database (lib/db/notifications.ts): caches hear of changes made anywhere. */
  notifications: NotificationListener;
  /** Embedded only: a dump to start other databases from (tests clone one migrated template). */
  dumpDataDir?(): Promise<Blob>;
  /** Runs `hook` first when the database closes (a job worker stops before its database goes). */
  onClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

export type OpenDatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | {
      kind: "embedded";
      /** A folder, or "memory://" for a throw-away database. */
      dataDir: string;
      /** Starts from a dump (tests start every file from one migrated template). */
      loadDataDir?: Blob | File;
    };

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return registerDatabase(await openDriver(options));
}

/**
 * Makes an open driver a DatabaseHandle: close hooks, and known by its Prisma client (databaseHandleOf).
 * openDatabase does it; so does anything that builds its own driver (the benchmarks' traced ones).
 */
export function registerDatabase(handle: Omit<DatabaseHandle, "onClose">): DatabaseHandle {
  const closeHooks: Array<() => Promise<void>> = [];
  const closeDriver = handle.close;
  const opened: DatabaseHandle = {
    ...handle,
    onClose: (hook) => void closeHooks.push(hook),
    close: async () => {
      for (const hook of closeHooks.splice(0)) await hook().catch((error) => console.error("[db] on close:", error));
      await closeDriver();
    },
  };
  handles().set(opened.prisma, opened);
  return opened;
}

async function openDriver(options: OpenDatabaseOptions): Promise<Omit<DatabaseHandle, "onClose">> {
  if (options.kind === "postgres") {
    const { createPostgresAdapterFactory, createPostgresMigrationAdapterFactory } = await import("./postgres-adapter");
    const pg = await import("pg");
    const { postgresConfigFromUrl } = await import("./postgres-adapter");
    // One pool of DATABASE_POOL_SIZE connections for Prisma and the statements the app sends directly.
    const rawPool = new pg.default.Pool({ ...postgresConfigFromUrl(options.url), max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped database) is an 'error' on
    // the pool; unhandled, it would end the process. The pool replaces the connection on the next query.
    rawPool.on("error", (error) => console.error(`[db] an idle connection was closed by the server: ${error.message}`));
    const prisma = createPrismaClient(createPostgresAdapterFactory(rawPool));
    const { postgresNotifications } = await import("./notifications");
    return {
      kind: "postgres",
      prisma,
      url: options.url,
      notifications: postgresNotifications(options.url, (sql, params) => rawPool.query(sql, params as unknown[])),
      migrationAdapterFactory: () => createPostgresMigrationAdapterFactory(options.url),
      rawQuery: async (sql, params, options) =>
        (options?.prepared
          ? await rawPool.query({ name: preparedName(sql), text: sql, values: params as unknown[] })
          : await rawPool.query(sql, params as unknown[])
        ).rows,
      close: async () => {
        await prisma.$disconnect();
        await rawPool.end();
      },
    };
  }
  const { openEmbeddedPglite } = await import("./embedded");
  const embedded = await openEmbeddedPglite(options.dataDir, options.loadDataDir);
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const prisma = createPrismaClient(new PrismaPGlite(embedded.pglite));
  const { pgliteNotifications } = await import("./notifications");
  return {
    kind: "embedded",
    prisma,
    notifications: pgliteNotifications(embedded.pglite),
    migrationAdapterFactory: () => new PrismaPGlite(embedded.pglite),
    rawQuery: async (sql, params) => (await embedded.pglite.query(sql, params as unknown[])).rows as never,
    dumpDataDir: () => embedded.pglite.dumpDataDir("gzip"),
    close: async () => {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
}

/** Options for this process's database, from the configuration. */
export function databaseOptionsFromEnv(): OpenDatabaseOptions {
  const { DATABASE_URL, DATABASE_POOL_SIZE, DATA_DIR } = env();
  return DATABASE_URL
    ? { kind: "postgres", url: DATABASE_URL, poolSize: DATABASE_POOL_SIZE }
    : { kind: "embedded", dataDir: `${DATA_DIR.replace(/\/$/, "")}/pglite` };
}

const shared = globalThis as typeof globalThis & {
  __bouncerDatabase?: Promise<DatabaseHandle>;
  __bouncerDatabaseHandle?: DatabaseHandle;
  __bouncerHandlesByClient?: WeakMap<Db, DatabaseHandle>;
};

function handles(): WeakMap<Db, DatabaseHandle> {
  shared.__bouncerHandlesByClient ??= new WeakMap();
  return shared.__bouncerHandlesByClient;
}

/** The handle a Prisma client was opened with (work queued for a client runs against its database). */
export function databaseHandleOf(db: Db): DatabaseHandle | undefined {
  return handles().get(db);
}

/**
 * A statement the app sends many times a second (ingest's one write per message): on the driver directly,
 * past Prisma's per-call work and prepared (planned once per connection), when `db` is a database handle's
 * client; through Prisma otherwise — a transaction's statements too, on its connection.
 */
export async function sendHotStatement<T>(db: DbOrTx, query: Prisma.Sql): Promise<T[]> {
  const handle = databaseHandleOf(db as Db); // a transaction is none: its statements stay on its connection
  return handle ? handle.rawQuery<T>(query.text, query.values, { prepared: true }) : db.$queryRaw<T[]>(query);
}

/** A prepared statement's name: one per SQL text (the texts of a hot statement are few). */
const preparedNames = new Map<string, string>();
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `bouncer_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    if (preparedNames.size >= 1_000) preparedNames.clear();
    preparedNames.set(sql, name);
  }
  return name;
}

/** Makes `handle` this process's database (server.ts at start; tests per file). */
export function useDatabase(handle: DatabaseHandle): void {
  shared.__bouncerDatabase = Promise.resolve(handle);
  shared.__bouncerDatabaseHandle = handle;
}

/**
 * Forgets `handle` as this process's database before it closes (a bench that borrowed it is done): the next use opens
 * from the configuration.
 */
export function releaseDatabase(handle: DatabaseHandle): void {
  if (shared.__bouncerDatabaseHandle !== handle) return;
  shared.__bouncerDatabase = undefined;
  shared.__bouncerDatabaseHandle = undefined;
}

/** This process's database handle, opened from the configuration on first use. */
export function database(): Promise<DatabaseHandle> {
  shared.__bouncerDatabase ??= openDatabase(databaseOptionsFromEnv());
  return shared.__bouncerDatabase;
}

/** This process's Prisma client. */
export async function getDb(): Promise<Db> {
  return (await database()).prisma;
}
