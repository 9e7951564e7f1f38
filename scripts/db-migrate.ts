// npm run db:migrate                      apply pending migrations (embedded database or DATABASE_URL)
// npm run db:migrate:create -- <name>     write a new migration from changes to prisma/schema.prisma
// npm run db:migrate:status               show applied / pending / failed migrations
import { databaseOptionsFromEnv, openDatabase } from "@/lib/db";
import { createMigration, migrateDatabase, migrationStatus } from "@/lib/db/schema-engine";
import { env } from "@/lib/env";

async function main() {
  env();
  const [command = "apply", name] = process.argv.slice(2);
  const options = databaseOptionsFromEnv();
  const database = await openDatabase(options);
  const where = options.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${options.dataDir}`;
  try {
    if (command === "apply") {
      const applied = await migrateDatabase(database);
      console.log(applied.length ? `Applied to ${where}: ${applied.join(", ")}` : `${where} is up to date.`);
    } else if (command === "create") {
      if (!name || !/^[a-z0-9_]+$/i.test(name)) {
        throw new Error("Name the migration: npm run db:migrate:create -- <name> (letters, digits, underscores)");
      }
      // The new migration is diffed against the migrated database, so bring it up to date first.
      await migrateDatabase(database);
      const created = await createMigration(database.migrationAdapterFactory(), name);
      if (!created) console.log("No schema changes: nothing to create.");
      else {
        console.log(`Created ${created.directory}/migration.sql:\n\n${created.sql}`);
        const applied = await migrateDatabase(database);
        console.log(`Applied to ${where}: ${applied.join(", ")}`);
      }
    } else if (command === "status") {
      const status = await migrationStatus(database.migrationAdapterFactory());
      console.log(JSON.stringify(status, null, 2));
      if (status.failedMigrationNames.length || status.history) process.exitCode = 1;
    } else {
      throw new Error(`Unknown command ${command}: use apply, create <name> or status`);
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
