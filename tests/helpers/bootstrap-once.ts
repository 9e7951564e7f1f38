// Runs what server.ts runs before serving (lib/bootstrap.ts) once, then exits: for tests of a first
// start and a later one, in a child process with its own environment (tests/integration/data-dir.test.ts).
import { bootstrap } from "@/lib/bootstrap";
import { UnsafeDataDirError } from "@/lib/db/data-dir";

try {
  const { database } = await bootstrap();
  await database.close();
  process.exit(0);
} catch (error) {
  console.error(error instanceof UnsafeDataDirError ? error.message : error);
  process.exit(1);
}
