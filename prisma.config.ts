// Prisma CLI configuration. The CLI's native engine cannot be downloaded offline, so migrations run
// through scripts/db-migrate.ts (Prisma's WASM schema engine); the CLI is used only for `generate`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://embedded/unused" },
});
