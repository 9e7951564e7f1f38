// The table every run prints and the JSON it writes to bench/results/<date>-<database>[-quick].json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseKind } from "./databases";

export type Unit = "ms" | "msg/s" | "%" | "coef" | "F1";

export interface Figures {
  median: number;
  p95: number;
  p99?: number;
}

export interface FigureRow {
  /** ingest, lists, mark-spam, admission, extraction, page-load */
  figure: string;
  /** What the row measures, e.g. "All, first page". */
  label: string;
  unit: Unit;
  value: Figures;
  /** The floor measured in the same run; null where none exists (page load). */
  floor: Figures | null;
  /** ours / floor on `ratioOf` (throughput: higher is better; latency: lower is better); null without a floor. */
  ratio: number | null;
  ratioOf: "median" | "p95" | "p99" | null;
  /** The issue's target in words, e.g. "≥ 0.5× floor", "p95 ≤ 1.5× floor", "p99 ≤ 1 ms". */
  target: string;
  /** Whether the target is met; null when the row only informs (no target of its own). */
  pass: boolean | null;
  /** Sizes, sample counts, how it was measured; shown under the table and kept in the JSON. */
  notes?: string;
  /** A published figure to compare with, shown in the Floor column where there is no floor (e.g. "paper: 0.893"). */
  reference?: string;
  details?: Record<string, unknown>;
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  database: DatabaseKind;
  quick: boolean;
  only: string[] | null;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  git?: string;
  rows: FigureRow[];
  skipped: Array<{ figure: string; reason: string }>;
  errors: Array<{ figure: string; message: string }>;
}

export function machineInfo(): RunReport["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function formatNumber(value: number | undefined, unit: Unit): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  if (unit === "msg/s") return Math.round(value).toLocaleString("en-US");
  if (unit === "%") return `${value.toFixed(2)}%`;
  if (unit === "coef") return value.toFixed(3);
  if (unit === "F1") return value.toFixed(3);
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function floorText(row: FigureRow): string {
  if (!row.floor) return row.reference ?? "—";
  const which = row.ratioOf ?? "median";
  return `${formatNumber(row.floor[which], row.unit)}${which === "median" ? "" : ` (${which})`}`;
}

export function formatTable(report: RunReport): string {
  const header = ["Figure", "Measure", "Unit", "Median", "p95", "p99", "Floor", "Ratio", "Target", "Result"];
  const lines: string[][] = report.rows.map((row) => [
    row.figure,
    row.label,
    row.unit,
    formatNumber(row.value.median, row.unit),
    formatNumber(row.value.p95, row.unit),
    formatNumber(row.value.p99, row.unit),
    floorText(row),
    row.ratio === null ? "—" : `${row.ratio.toFixed(2)}×`,
    row.target,
    row.pass === null ? "info" : row.pass ? "PASS" : "MISS",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const render = (cells: string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  const out = [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(render)];
  // One note per figure when its rows share it, else one per row.
  const notes: string[] = [];
  for (const figure of new Set(report.rows.map((r) => r.figure))) {
    const rows = report.rows.filter((r) => r.figure === figure && r.notes);
    const distinct = new Set(rows.map((r) => r.notes));
    if (distinct.size === 1) notes.push(`  ${figure}: ${rows[0]!.notes}`);
    else for (const row of rows) notes.push(`  ${figure} / ${row.label}: ${row.notes}`);
  }
  if (notes.length) out.push("", "Notes:", ...notes);
  for (const skip of report.skipped) out.push(`  skipped ${skip.figure}: ${skip.reason}`);
  for (const error of report.errors) out.push(`  FAILED ${error.figure}: ${error.message}`);
  const missed = report.rows.filter((r) => r.pass === false);
  out.push(
    "",
    `${report.database}${report.quick ? " (quick: smaller data, fewer samples)" : ""} — ` +
      `${report.rows.filter((r) => r.pass).length} met, ${missed.length} missed` +
      `${report.errors.length ? `, ${report.errors.length} failed` : ""} — ${report.seconds.toFixed(0)} s`,
  );
  return out.join("\n");
}

export function writeReport(report: RunReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const date = report.startedAt.slice(0, 10);
  const suffix = report.only ? "-partial" : "";
  const file = path.join(dir, `${date}-${report.database}${report.quick ? "-quick" : ""}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
