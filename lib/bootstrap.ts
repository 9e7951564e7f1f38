// What every process that serves Bouncer does before serving: open and migrate the database, load the
// session secret, and seed the demo tenant on the first start of the embedded default.
import { env } from "@/lib/env";
import { databaseOptionsFromEnv, openDatabase, useDatabase, type DatabaseHandle } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";
import { seedDemoIfFirstStart } from "@/lib/seed/demo";
import { defaultModel } from "@/lib/classifier/default-model";
import { keepOwnerOnly, secureDataDir } from "@/lib/db/data-dir";
import { existsSync } from "node:fs";
import path from "node:path";

export interface Bootstrapped {
  database: DatabaseHandle;
  authSecret: string;
}

export async function bootstrap(log: (line: string) => void = console.log): Promise<Bootstrapped> {
  const config = env();
  const options = databaseOptionsFromEnv();
  log(
    options.kind === "postgres" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded, in ${options.dataDir}`,
  );
  // DATA_DIR (the embedded database, the demo credentials) is the owner's alone; with DATABASE_URL it
  // only ever holds demo credentials, and is left alone unless it exists. Refuses to start when it
  // stays writable by others (UnsafeDataDirError).
  if (options.kind === "embedded" || existsSync(config.DATA_DIR)) {
    keepOwnerOnly(config.DATA_DIR);
    const secured = secureDataDir(config.DATA_DIR);
    if (secured.tightened)
      log(
        `DATA_DIR ${path.resolve(config.DATA_DIR)}: ` +
          `made ${secured.tightened} ${secured.tightened === 1 ? "entry" : "entries"} owner-only.`,
      );
    for (const warning of secured.warnings) log(`Warning: ${warning}`);
  }
  const database = await openDatabase(options);
  useDatabase(database);
  const applied = await migrateDatabase(database);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);

  const authSecret =
    config.NEXTAUTH_SECRET ??
    (await loadOrCreateAuthSecret(database.prisma, {
      onCreate: () =>
        log(
          `Session secret: NEXTAUTH_SECRET is not set, so one was generated and stored in ${
            options.kind === "embedded"
              ? `the embedded database in ${path.resolve(options.dataDir)}`
              : "the PostgreSQL database"
          } (table SystemSetting). Whoever can read it can sign in as any agent${
            options.kind === "embedded" ? `: keep ${path.resolve(config.DATA_DIR)} owner-only (it is now)` : ""
          }. In production, set NEXTAUTH_SECRET (at least 32 random characters, e.g. \`openssl rand -base64 48\`).`,
        ),
    }));
  // next-auth and the socket handshake read it through authSecret() in lib/env.ts.
  process.env.BOUNCER_GENERATED_AUTH_SECRET = authSecret;
  // Without a configured public URL, next-auth builds its URLs from the request's Host header.
  if (!config.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

  // The spam classifier's default model is built from the SMS corpus on first use: build it now, so
  // the first incoming message (and the demo's seeded ones) do not wait for it.
  const model = defaultModel();
  log(`Spam classifier: default model ${model.fingerprint} built in ${Math.round(model.buildMs)} ms`);

  await seedDemoIfFirstStart(database, { mode: config.SEED_DEMO, dataDir: config.DATA_DIR, log });
  return { database, authSecret };
}
