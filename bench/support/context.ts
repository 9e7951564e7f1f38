// What every figure gets from scripts/bench.ts.
import type { SmsCorpusEntry } from "@/lib/seed/sms-corpus";
import type { BenchDatabases, DatabaseKind } from "./databases";

export interface BenchContext {
  kind: DatabaseKind;
  databases: BenchDatabases;
  /** Smaller data and fewer samples (CI's smoke run). */
  quick: boolean;
  corpus: SmsCorpusEntry[];
  log(line: string): void;
}
