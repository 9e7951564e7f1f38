// Runs `prisma generate` offline. Generate never executes the native schema engine, but the CLI tries
// to download one unless PRISMA_SCHEMA_ENGINE_BINARY names an executable, so we give it a dummy.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "bouncer-prisma-"));
const dummyEngine = join(dir, "schema-engine");
writeFileSync(dummyEngine, "#!/bin/sh\necho 'offline placeholder: use npm run db:migrate' >&2\nexit 1\n");
chmodSync(dummyEngine, 0o755);

const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: dummyEngine,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
