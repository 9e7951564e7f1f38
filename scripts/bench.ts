// npm run bench — the figures of bench/results/README.md, each against its floor measured in the same
// run, on the embedded database (default) or PostgreSQL (DATABASE_URL).
//   npm run bench                      full run (< 10 min on 2 cores)
//   npm run bench -- --quick           smoke run (< 1 min; CI runs it): smaller data, fewer samples
//   npm run bench -- --only lists,admission    some figures only (development)
//   npm run bench -- --scale           the scale-out test: two instances on PostgreSQL + Redis
// Prints a table and writes bench/results/<date>-<embedded|postgres>[-quick].json.
import path from "node:path";
import { execSync } from "node:child_process";
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import { BenchDatabases, type DatabaseKind } from "@/bench/support/databases";
import { ensureBuild } from "@/bench/support/server";
import { formatTable, machineInfo, writeReport, type FigureRow, type RunReport } from "@/bench/support/report";
import type { BenchContext } from "@/bench/support/context";

const FIGURES = [
  "ingest",
  "lists",
  "list-depth",
  "mark-spam",
  "admission",
  "extraction",
  "page-load",
  "classifier",
] as const;
type FigureName = (typeof FIGURES)[number];
const NEEDS_BUILD = new Set<FigureName>(["ingest", "page-load"]);

interface Flags {
  quick: boolean;
  scale: boolean;
  only: FigureName[] | null;
  skip: FigureName[];
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false, scale: false, only: null, skip: [] };
  const listArg = (value: string | undefined, flag: string): FigureName[] => {
    const names = (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(FIGURES as readonly string[]).includes(n));
    if (!names.length || unknown.length)
      throw new Error(`${flag} takes a comma-separated list of: ${FIGURES.join(", ")}`);
    return names as FigureName[];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") flags.quick = true;
    else if (arg === "--scale") flags.scale = true;
    else if (arg === "--only") flags.only = listArg(argv[++i], "--only");
    else if (arg.startsWith("--only=")) flags.only = listArg(arg.slice(7), "--only");
    else if (arg === "--skip") flags.skip = listArg(argv[++i], "--skip");
    else if (arg.startsWith("--skip=")) flags.skip = listArg(arg.slice(7), "--skip");
    else if (arg === "--help" || arg === "-h") {
      console.log(
        "npm run bench [-- --quick] [-- --only ingest,lists,list-depth,mark-spam,admission,extraction,page-load," +
          "classifier] [-- --skip …] [-- --scale]",
      );
      process.exit(0);
    } else throw new Error(`unknown flag ${arg} (try --help)`);
  }
  return flags;
}

async function loadFigure(name: FigureName): Promise<(ctx: BenchContext) => Promise<FigureRow[]>> {
  switch (name) {
    case "ingest":
      return (await import("@/bench/ingest")).benchIngest;
    case "lists":
      return (await import("@/bench/lists")).benchLists;
    case "list-depth":
      return (await import("@/bench/lists")).benchListDepth;
    case "mark-spam":
      return (await import("@/bench/mark-spam")).benchMarkSpam;
    case "admission":
      return (await import("@/bench/admission")).benchAdmission;
    case "extraction":
      return (await import("@/bench/extraction-figure")).benchExtraction;
    case "page-load":
      return (await import("@/bench/page-load")).benchPageLoad;
    case "classifier":
      return (await import("@/bench/classifier")).benchClassifier;
  }
}

function gitRevision(): string | undefined {
  try {
    const head = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    const dirty = execSync("git status --porcelain", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim()
      ? "+dirty"
      : "";
    return head + dirty;
  } catch {
    return undefined;
  }
}

// A dropped bench database or a killed instance can surface as an error on an idle connection of some
// pool; it must not take the whole run down (the figure that owns it reports its own failure).
process.on("unhandledRejection", (error) =>
  console.error("bench: unhandled rejection:", error instanceof Error ? error.message : error),
);

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

  if (flags.scale) {
    const { runScaleTest } = await import("@/bench/scale");
    const ok = await runScaleTest({
      databaseUrl,
      redisUrl: process.env.REDIS_URL?.trim() || undefined,
      quick: flags.quick,
      log: console.log,
    });
    process.exit(ok ? 0 : 1);
  }

  const kind: DatabaseKind = databaseUrl ? "postgres" : "embedded";
  const selected = (flags.only ?? [...FIGURES]).filter((f) => !flags.skip.includes(f));
  const started = new Date();
  const log = (line: string) =>
    console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const database =
    kind === "postgres" ? `PostgreSQL (${new URL(databaseUrl!).host})` : "the embedded database (PGlite)";
  log(`Bouncer bench on ${database}${flags.quick ? ", quick" : ""}: ${selected.join(", ")}`);

  const report: RunReport = {
    startedAt: started.toISOString(),
    finishedAt: "",
    seconds: 0,
    database: kind,
    quick: flags.quick,
    only: flags.only || flags.skip.length ? selected : null,
    machine: machineInfo(),
    git: gitRevision(),
    rows: [],
    skipped: [],
    errors: [],
  };

  if (selected.some((f) => NEEDS_BUILD.has(f))) ensureBuild(log);
  const databases = await BenchDatabases.create(kind, databaseUrl, log);
  const interrupt = async (signal: string) => {
    console.error(`\n${signal}: dropping the bench databases…`);
    await databases.disposeAll();
    process.exit(130);
  };
  process.once("SIGINT", () => void interrupt("SIGINT"));
  process.once("SIGTERM", () => void interrupt("SIGTERM"));

  const ctx: BenchContext = { kind, databases, quick: flags.quick, corpus: readSmsCorpus(), log };
  try {
    for (const name of selected) {
      const figureStarted = Date.now();
      log(`${name}…`);
      try {
        const run = await loadFigure(name);
        const rows = await run(ctx);
        report.rows.push(...rows);
        if (!rows.length) report.skipped.push({ figure: name, reason: "skipped (see log)" });
        for (const row of rows) {
          const digits = row.unit === "ms" || row.unit === "F1" ? 3 : 0;
          const p95 = Number.isFinite(row.value.p95) ? `, p95 ${row.value.p95.toFixed(digits)}` : "";
          log(
            `  ${row.label}: median ${row.value.median.toFixed(digits)} ${row.unit}${p95}` +
              (row.ratio === null ? "" : `, ${row.ratio.toFixed(2)}× floor`) +
              (row.pass === null ? "" : row.pass ? " — PASS" : " — MISS"),
          );
        }
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`  ${name} FAILED: ${message}`);
        report.errors.push({ figure: name, message: error instanceof Error ? error.message : String(error) });
      } finally {
        log(`  ${name} took ${((Date.now() - figureStarted) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await databases.disposeAll();
  }

  report.finishedAt = new Date().toISOString();
  report.seconds = (Date.now() - started.getTime()) / 1000;
  console.log(`\n${formatTable(report)}`);
  const file = writeReport(report, path.resolve(import.meta.dirname, "../bench/results"));
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  // The pg pools of the schema engine linger for a while; nothing is left to wait for.
  process.exit(report.errors.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
