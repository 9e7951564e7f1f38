// Part of npm run lint: every git-tracked source file keeps its lines within MAX_LINE_LENGTH characters.
// Biome formats at the same width, but it does not wrap strings, SQL in template literals or comments.
// Prints file:line:length for each line over, and exits 1 if there is any.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX_LINE_LENGTH = 120;

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mjs", ".cjs", ".js", ".css", ".sql", ".prisma"];

// Never checked: applied migrations (Prisma checksums them: never edit), generated code, data.
const EXCLUDED = ["prisma/migrations/", "lib/generated/", "prisma/seed-data/", "bench/results/"];

// Lines that cannot be split without changing what they mean. Each names its file and a piece of the line.
const ALLOWED_LONG_LINES = [
  {
    file: "prisma/schema.prisma",
    contains: "@default(dbgenerated(",
    why: "a Prisma attribute cannot span lines, and the SQL text must equal what the migration created",
  },
];

function isChecked(file) {
  return SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext)) && !EXCLUDED.some((folder) => file.startsWith(folder));
}

/** The lines of `text` longer than the limit, counted in characters (code points), not bytes. */
function findLongLines(file, text) {
  const long = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const length = [...line].length;
    if (length <= MAX_LINE_LENGTH) return;
    if (ALLOWED_LONG_LINES.some((allowed) => allowed.file === file && line.includes(allowed.contains))) return;
    long.push({ file, line: index + 1, length });
  });
  return long;
}

function trackedFiles() {
  const result = spawnSync("git", ["ls-files", "-z"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ls-files failed: ${result.stderr}`);
  return result.stdout.split("\0").filter(Boolean);
}

function main() {
  let count = 0;
  for (const file of trackedFiles().filter(isChecked)) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if (error.code === "ENOENT") continue; // deleted in the work tree, not yet in the index
      throw error;
    }
    for (const long of findLongLines(file, text)) {
      console.log(`${long.file}:${long.line}:${long.length}`);
      count++;
    }
  }
  if (count) {
    console.error(`${count} line(s) over ${MAX_LINE_LENGTH} characters: wrap them.`);
    process.exit(1);
  }
}

main();
