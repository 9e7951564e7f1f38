// Extraction quality: precision, recall and F1 of the extractor per kind on each file of the test set
// (tests/extraction-suite/: public suites converted to the Spam Manager's normalized values, plus our
// own obfuscation and prose cases). No timing, no database; part of `npm run bench -- --only extraction`.
//   node_modules/.bin/tsx bench/extraction-quality.ts          (a Markdown table for bench/results/README.md)
//   node_modules/.bin/tsx bench/extraction-quality.ts --misses (and every case that misses or adds a string)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readSuite, scoreSuite, SCORED_KINDS, type KindScore, type SuiteScore } from "@/lib/spam-strings/scoring";
import type { SpamStringKind } from "@/lib/spam-strings/extract";

export interface ExtractionQuality {
  suites: Array<{ name: string; score: SuiteScore }>;
  /** All suites together, micro-averaged per kind. */
  total: Record<SpamStringKind, KindScore>;
}

export function measureExtractionQuality(): ExtractionQuality {
  const suites = [...readSuite()].map(([name, cases]) => ({ name, score: scoreSuite(cases) }));
  const total = Object.fromEntries(
    SCORED_KINDS.map((kind) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const { score } of suites) {
        tp += score.byKind[kind].truePositives;
        fp += score.byKind[kind].falsePositives;
        fn += score.byKind[kind].falseNegatives;
      }
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      return [
        kind,
        {
          truePositives: tp,
          falsePositives: fp,
          falseNegatives: fn,
          precision,
          recall,
          f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
        },
      ];
    }),
  ) as Record<SpamStringKind, KindScore>;
  return { suites, total };
}

/** Whether a kind is judged at all in a suite (some suites judge links only, or phones only). */
export function isJudged(score: KindScore): boolean {
  return score.truePositives + score.falsePositives + score.falseNegatives > 0;
}

export function formatQualityTable(quality: ExtractionQuality): string {
  const cell = (score: KindScore) =>
    isJudged(score)
      ? `${score.precision.toFixed(3)} / ${score.recall.toFixed(3)} / **${score.f1.toFixed(3)}** ` +
        `(${score.truePositives + score.falseNegatives})`
      : "—";
  const lines = [
    `| Test set (cases scored, excluded) | ${SCORED_KINDS.join(" | ")} |`,
    `| --- | ${SCORED_KINDS.map(() => "---").join(" | ")} |`,
    ...quality.suites.map(
      ({ name, score }) =>
        `| ${name} (${score.cases}, ${score.excluded}) | ` +
        `${SCORED_KINDS.map((kind) => cell(score.byKind[kind])).join(" | ")} |`,
    ),
    `| all | ${SCORED_KINDS.map((kind) => cell(quality.total[kind])).join(" | ")} |`,
  ];
  return lines.join("\n");
}

function main(): void {
  const quality = measureExtractionQuality();
  console.log("Precision / recall / F1 (expected strings) per kind:\n");
  console.log(formatQualityTable(quality));
  if (process.argv.includes("--misses")) {
    for (const { name, score } of quality.suites) {
      for (const miss of score.misses) {
        console.log(
          `${name} ${miss.ref} ${miss.kind}: ${JSON.stringify(miss.text)} missed ${JSON.stringify(miss.missed)} ` +
            `extra ${JSON.stringify(miss.extra)}`,
        );
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
