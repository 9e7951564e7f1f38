// The migrations folder and schema.prisma must agree: a schema change without a migration fails here.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createMigration, migrationStatus } from "@/lib/db/schema-engine";

describe("migrations", () => {
  it("are all applied to a freshly migrated database", async () => {
    const status = await migrationStatus(testDatabase().migrationAdapterFactory());
    expect(status).toMatchObject({
      failedMigrationNames: [],
      editedMigrationNames: [],
      history: null,
      hasMigrationsTable: true,
    });
  });

  it("cover every change in prisma/schema.prisma (else: npm run db:migrate:create -- <name>)", async () => {
    // write: false — a drift must fail the test, not add a migration folder to the source tree.
    const created = await createMigration(testDatabase().migrationAdapterFactory(), "drift_check", { write: false });
    expect(created?.sql ?? null).toBeNull();
  }, 60_000);
});
