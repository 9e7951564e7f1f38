// npm run db:seed — create the demo tenant explicitly (also on PostgreSQL, where it never happens on
// its own). Refuses when the database already has tenants, so it never touches real data.
import { databaseOptionsFromEnv, openDatabase } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { env } from "@/lib/env";
import { seedDemoIfFirstStart } from "@/lib/seed/demo";

async function main() {
  const config = env();
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(database);
    const seeded = await seedDemoIfFirstStart(database, { mode: "always", dataDir: config.DATA_DIR, log: console.log });
    if (!seeded) {
      console.error("The database already has a tenant; the demo seed only runs on an empty database.");
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
