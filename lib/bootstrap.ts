// What every process that serves Bouncer does before serving: open and migrate the database, load the
// session secret, and seed the demo tenant on the first start of the embedded default.
import { env } from "@/lib/env";
import { databaseOptionsFromEnv, openDatabase, useDatabase, type DatabaseHandle } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";
import { seedDemoIfFirstStart } from "@/lib/seed/demo";

export interface Bootstrapped {
  database: DatabaseHandle;
  authSecret: string;
}

export async function bootstrap(log: (line: string) => void = console.log): Promise<Bootstrapped> {
  const config = env();
  const options = databaseOptionsFromEnv();
  log(options.kind === "postgres" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded, in ${options.dataDir}`);
  const database = await openDatabase(options);
  useDatabase(database);
  const applied = await migrateDatabase(database);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);

  const authSecret = config.NEXTAUTH_SECRET ?? (await loadOrCreateAuthSecret(database.prisma));
  // next-auth and the socket handshake read it through authSecret() in lib/env.ts.
  process.env.BOUNCER_GENERATED_AUTH_SECRET = authSecret;
  // Without a configured public URL, next-auth builds its URLs from the request's Host header.
  if (!config.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

  await seedDemoIfFirstStart(database, { mode: config.SEED_DEMO, dataDir: config.DATA_DIR, log });
  return { database, authSecret };
}
