// Precision, recall and F1 of the extractor per kind over a labelled test set
// (tests/extraction-suite/: cases from public suites plus our own obfuscation cases). Pure: the
// unit test asserts floors on it and the bench prints it (bench/results/README.md).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { spamStringsOf, type SpamStringKind } from "./extract";

export const SCORED_KINDS: readonly SpamStringKind[] = ["domain", "url", "phone", "email"];

export interface SuiteCase {
  /** Where the text and its expectation come from (a public suite, or "bouncer" for our own). */
  source: string;
  /** The upstream file and test, or our category. */
  ref: string;
  description?: string;
  text: string;
  /** Phone region the text is read in (default US). */
  region?: string;
  /** The kinds this case is a complete expectation for; strings of other kinds are not scored. */
  kinds: SpamStringKind[];
  /** Every string of the judged kinds that the text holds, normalized like the Spam Manager stores it. */
  expected: Partial<Record<SpamStringKind, string[]>>;
  /** What the upstream suite expects, as written there. */
  upstream?: string[];
  /** Where our expectation differs from the upstream one, and why. */
  note?: string;
  /** Set when the case cannot be judged (e.g. upstream relies on test-only phone metadata): not scored. */
  excluded?: string;
}

export interface KindScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface CaseMiss {
  source: string;
  ref: string;
  text: string;
  kind: SpamStringKind;
  missed: string[];
  extra: string[];
}

export interface SuiteScore {
  cases: number;
  excluded: number;
  byKind: Record<SpamStringKind, KindScore>;
  misses: CaseMiss[];
}

export type Extractor = (text: string, region: string) => Array<{ kind: SpamStringKind; value: string }>;

const defaultExtractor: Extractor = (text, region) => spamStringsOf(text, region);

/** Scores an extractor (the real one by default) on the cases: micro-averaged per kind. */
export function scoreSuite(cases: readonly SuiteCase[], extract: Extractor = defaultExtractor): SuiteScore {
  const counts = Object.fromEntries(SCORED_KINDS.map((kind) => [kind, { tp: 0, fp: 0, fn: 0 }])) as Record<
    SpamStringKind,
    { tp: number; fp: number; fn: number }
  >;
  const misses: CaseMiss[] = [];
  let scored = 0;
  for (const testCase of cases) {
    if (testCase.excluded) continue;
    scored++;
    const found = extract(testCase.text, testCase.region ?? "US");
    for (const kind of testCase.kinds) {
      const expected = new Set(testCase.expected[kind] ?? []);
      const got = new Set(found.filter((s) => s.kind === kind).map((s) => s.value));
      const missed = [...expected].filter((value) => !got.has(value));
      const extra = [...got].filter((value) => !expected.has(value));
      counts[kind].tp += expected.size - missed.length;
      counts[kind].fn += missed.length;
      counts[kind].fp += extra.length;
      if (missed.length || extra.length)
        misses.push({ source: testCase.source, ref: testCase.ref, text: testCase.text, kind, missed, extra });
    }
  }
  const byKind = Object.fromEntries(SCORED_KINDS.map((kind) => [kind, toScore(counts[kind])])) as Record<
    SpamStringKind,
    KindScore
  >;
  return { cases: scored, excluded: cases.length - scored, byKind, misses };
}

function toScore({ tp, fp, fn }: { tp: number; fp: number; fn: number }): KindScore {
  // No positives and none found is perfect, not 0/0.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

export const SUITE_DIR = path.resolve(import.meta.dirname, "../../tests/extraction-suite");

/** The test set's files by name (twitter-text, linkify-it, libphonenumber, bouncer-obfuscation, …). */
export function readSuite(dir = SUITE_DIR): Map<string, SuiteCase[]> {
  const suites = new Map<string, SuiteCase[]>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    suites.set(file.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, file), "utf8")) as SuiteCase[]);
  }
  return suites;
}
