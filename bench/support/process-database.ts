// A figure's own database as this process's database while it runs: ingest reads tenant settings, keys
// and bans from the process's admission cache (lib/admission/admission-cache.ts), as the server does.
// The returned function writes the counted hits there, stops its cache and forgets it, so later figures
// never reach a closed database.
import { releaseDatabase, useDatabase, type DatabaseHandle } from "@/lib/db";
import { closeAdmissionCacheOf } from "@/lib/admission/admission-cache";
import { flushWriteBehind } from "@/lib/db/write-behind";

export function borrowAsProcessDatabase(handle: DatabaseHandle): () => Promise<void> {
  useDatabase(handle);
  return async () => {
    await flushWriteBehind().catch(() => {});
    await closeAdmissionCacheOf(handle);
    releaseDatabase(handle);
  };
}
