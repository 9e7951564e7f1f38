// The embedded database: PostgreSQL compiled to WebAssembly (PGlite), in this process, persisted to a
// folder. Only one process may open a folder at a time, so we hold a lock file beside it and refuse
// (with the holder's pid) instead of corrupting the data.
import { PGlite } from "@electric-sql/pglite";
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { keepOwnerOnly, secureDataDir } from "./data-dir";

export interface EmbeddedDatabase {
  pglite: PGlite;
  close(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, "utf8").trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${path.resolve(dataDir)} is in use by process ${holder}. ` +
          "Stop that process (e.g. the running server) first, or use another DATA_DIR.",
      );
    }
  }
  writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) rmSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

export async function openEmbeddedPglite(dataDir: string, loadDataDir?: Blob | File): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    // Owner-only, now and for every file PGlite writes later (lib/db/data-dir.ts).
    keepOwnerOnly(dataDir);
    secureDataDir(dataDir);
    mkdirSync(dataDir, { recursive: true });
    release = acquireLock(dataDir);
  }
  try {
    const pglite = await PGlite.create(inMemory ? undefined : dataDir, loadDataDir ? { loadDataDir } : {});
    return {
      pglite,
      close: async () => {
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
