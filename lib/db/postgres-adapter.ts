// Driver adapter factories for a real PostgreSQL server (DATABASE_URL), through @prisma/adapter-pg.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Connection fields from a postgres:// URL. Kept as separate fields on purpose: adapter-pg derives the
 * shadow database's config by overriding `database`, which a `connectionString` would silently win over. */
export function postgresConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    // Every session in UTC, whatever the server's default TimeZone: a Date in a raw query reaches
    // PostgreSQL as a time without an offset, which a timestamptz reads in the session's zone.
    options: "-c TimeZone=UTC",
  };
}

/** The application's query adapter: one pool per process. */
export function createPostgresAdapterFactory(url: string, poolSize: number): PrismaPg;
/** Prisma on `pool`: the app's direct statements (DatabaseHandle.rawQuery) share its connections. */
export function createPostgresAdapterFactory(pool: pg.Pool): PrismaPg;
export function createPostgresAdapterFactory(urlOrPool: string | pg.Pool, poolSize?: number): PrismaPg {
  if (typeof urlOrPool !== "string") return new PrismaPg(urlOrPool);
  return new PrismaPg({ ...postgresConfigFromUrl(urlOrPool), max: poolSize });
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

/** adapter-pg rejects the one-byte `"char"` type (OID 18) that the schema engine reads from pg_catalog
 * while introspecting; it is a string, so we report it as text. */
function reportCharAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

class IntrospectionPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(reportCharAsText) : result) as never;
  }
  override connect(...args: unknown[]): never {
    const wrap = (client: pg.PoolClient) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      client.query = ((...q: unknown[]) => {
        const result = query(...q);
        return result instanceof Promise ? result.then(reportCharAsText) : result;
      }) as typeof client.query;
      return client;
    };
    if (typeof args[0] === "function") {
      const callback = args[0] as (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void;
      return super.connect((err, client, done) => callback(err, client ? wrap(client) : client, done)) as never;
    }
    return super.connect().then(wrap) as never;
  }
}

/**
 * adapter-pg runs a migration script by splitting it at every ";", which breaks function bodies
 * ($$ … ; … $$, e.g. migration 20261204201500's trigger function). PostgreSQL takes a whole script in
 * one simple query, as Prisma's native engine sends it.
 */
function wholeScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const internals = adapter as unknown as {
    client: { query(sql: string): Promise<unknown> };
    onError?: (error: unknown) => never;
  };
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      if (internals.onError) internals.onError(error);
      throw error;
    }
  };
  return adapter;
}

/** The schema engine's adapter factory for migrations against PostgreSQL, with a shadow database that
 * is created beside the main one and dropped WITH (FORCE) afterwards (adapter-pg's own drop can fail
 * while its pool still holds connections). */
export function createPostgresMigrationAdapterFactory(
  url: string,
): SqlMigrationAwareDriverAdapterFactory & { dispose(): Promise<void> } {
  const config = postgresConfigFromUrl(url);
  const mainPool = new IntrospectionPool({ ...config, max: 2 });
  const main = new PrismaPg(mainPool);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    // The engine does not release the main connection itself; a lingering pool would keep the
    // process alive and block `CREATE DATABASE … TEMPLATE` of the migrated database.
    dispose: () => mainPool.end(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const shadowName = `bouncer_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(config);
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${shadowName}"`);
      } finally {
        await admin.end();
      }
      const shadow = wholeScripts(
        await new PrismaPg(new IntrospectionPool({ ...config, database: shadowName, max: 2 }), {
          disposeExternalPool: true,
        }).connect(),
      );
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const dropper = new pg.Client(config);
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return shadow;
    },
  };
}
