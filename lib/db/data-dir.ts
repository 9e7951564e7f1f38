// DATA_DIR holds the embedded database — whose tables and write-ahead log hold the generated session
// secret, enough to forge any agent's session — and the demo credentials. It is the owner's alone:
// folders 0700, files 0600, including everything PGlite creates later. PGlite (Emscripten's NODEFS)
// creates folders 0777 and files 0755 minus the umask and then chmods each file to 0666 itself, so
// the umask alone is not enough: chmod calls on paths under a protected folder lose their group and
// other bits too. An existing folder is tightened on start; one that stays writable by others (owned
// by someone else, a read-only mount…) stops the start with a message saying what to do.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

export class UnsafeDataDirError extends Error {}

const GROUP_OTHER = 0o077;

/** The file-system calls used here (tests pass one whose chmod fails, as it does on someone else's folder). */
export interface DataDirFs {
  existsSync(target: string): boolean;
  mkdirSync(target: string, options: { recursive: true; mode: number }): unknown;
  lstatSync(target: string): fs.Stats;
  statSync(target: string): fs.Stats;
  readdirSync(target: string): string[];
  chmodSync(target: string, mode: number): void;
}

const protectedRoots = new Set<string>();
let chmodGuardInstalled = false;

/**
 * From now on, everything this process creates is owner-only (umask 077), and chmod calls on paths
 * under `dir` keep only the owner's bits — PGlite's own chmod to 0666 included.
 */
export function keepOwnerOnly(dir: string): void {
  protectedRoots.add(path.resolve(dir));
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; the chmod guard below still applies.
  }
  if (chmodGuardInstalled) return;
  chmodGuardInstalled = true;
  const chmodSync = fs.chmodSync;
  const isProtected = (target: fs.PathLike) => {
    const resolved = path.resolve(String(target));
    for (const root of protectedRoots) if (resolved === root || resolved.startsWith(root + path.sep)) return true;
    return false;
  };
  fs.chmodSync = function guardedChmodSync(target: fs.PathLike, mode: fs.Mode) {
    const numeric = typeof mode === "string" ? parseInt(mode, 8) : mode;
    return chmodSync(target, isProtected(target) ? numeric & ~GROUP_OTHER : mode);
  };
  // PGlite reads chmodSync through `import * as fs from "fs"`: bring the ES module view up to date.
  syncBuiltinESMExports();
}

export interface SecuredDataDir {
  created: boolean;
  /** Entries whose group/other permissions were removed. */
  tightened: number;
  /** Problems that did not stop the start (an entry that could not be tightened, a root others can read). */
  warnings: string[];
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, "0");
}

/**
 * Creates `dir` owner-only, or tightens an existing one and everything in it (symlinks are not
 * followed). Throws UnsafeDataDirError when the folder stays writable by other users.
 */
export function secureDataDir(dir: string, fsApi: DataDirFs = fs): SecuredDataDir {
  const root = path.resolve(dir);
  const warnings: string[] = [];
  if (!fsApi.existsSync(root)) {
    fsApi.mkdirSync(root, { recursive: true, mode: 0o700 });
    fsApi.chmodSync(root, 0o700);
    return { created: true, tightened: 0, warnings };
  }
  if (!fsApi.statSync(root).isDirectory()) throw new UnsafeDataDirError(`DATA_DIR ${root} is not a folder.`);

  let tightened = 0;
  const failures = new Map<string, string>();
  const stack = [root];
  while (stack.length) {
    const current = stack.pop()!;
    const stats = current === root ? fsApi.statSync(current) : fsApi.lstatSync(current);
    if (stats.isSymbolicLink()) continue;
    if ((stats.mode & GROUP_OTHER) !== 0) {
      try {
        // Folders 0700; files keep their owner's bits only (PGlite's 0666 becomes 0600).
        fsApi.chmodSync(current, stats.isDirectory() ? 0o700 : stats.mode & 0o700);
        tightened++;
      } catch (error) {
        failures.set(current, (error as NodeJS.ErrnoException).code ?? String(error));
      }
    }
    if (stats.isDirectory()) for (const name of fsApi.readdirSync(current)) stack.push(path.join(current, name));
  }

  const mode = fsApi.statSync(root).mode;
  if ((mode & 0o022) !== 0) {
    throw new UnsafeDataDirError(
      `DATA_DIR ${root} is writable by other users (mode ${octal(mode)}) and Bouncer could not make it owner-only` +
        `${failures.has(root) ? ` (${failures.get(root)})` : ""}. It holds the database and the session secret: ` +
        `run \`chmod 700 ${root}\` as its owner, or set DATA_DIR to a folder of this user's.`,
    );
  }
  if ((mode & GROUP_OTHER) !== 0)
    warnings.push(
      `DATA_DIR ${root} stays readable by other users (mode ${octal(mode)}): make it owner-only (chmod 700).`,
    );
  for (const [entry, code] of failures)
    if (entry !== root) warnings.push(`Could not make ${entry} owner-only (${code}).`);
  return { created: false, tightened, warnings };
}
