// The three evaluation protocols of the spam classifier on the SMS Spam Collection (issue 18), pure
// and deterministic (no database): every model, fold and threshold follows from the corpus, the code
// and fixed seeds.
//   (a) the corpus paper's hold-out (Almeida, Gómez Hidalgo, Yamakami, DocEng 2011): the first 30% of
//       the messages train, the other 70% test;
//   (b) 5-fold stratified cross-validation on the de-duplicated messages (5,159);
//   (c) the online learner fed (a)'s training messages once, one at a time, in corpus order — as the
//       product learns — tested on (a)'s test part.
// Thresholds are chosen on training data only: (a) from out-of-fold scores of a 5-fold
// cross-validation inside its training part, (c) from the scores each training message got just
// before it was learned (what the product records as scoreBefore). (b) uses 0.5.
//   node_modules/.bin/tsx bench/classifier-protocols.ts
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readSmsCorpus, type SmsCorpusEntry } from "@/lib/seed/sms-corpus";
import { DEFAULT_FEATURE_OPTIONS, type FeatureVector } from "@/lib/classifier/features";
import { DenseModel, DEFAULT_LEARNER, type Label } from "@/lib/classifier/model";
import { DEFAULT_TRAINING, HOLDOUT_TRAIN_SHARE, corpusExamples } from "@/lib/classifier/default-model";
import {
  addConfusion,
  chooseThreshold,
  confusionAt,
  dedupe,
  figuresAt,
  figuresOf,
  stratifiedFolds,
  trainModel,
  type ClassificationFigures,
  type Confusion,
} from "@/lib/classifier/evaluation";

/** At most this share of ham may be blocked at the operating threshold (the target for (a)). */
export const MAX_BLOCKED_HAM = 0.001;
const FOLDS = 5;
const FOLD_SEED = 5159;

export interface HoldoutResult {
  train: { messages: number; spam: number };
  test: { messages: number; spam: number };
  /** Chosen from out-of-fold scores inside the training part. */
  threshold: number;
  atThreshold: ClassificationFigures;
  atHalf: ClassificationFigures;
}

export interface CrossValidationResult {
  messages: number;
  spam: number;
  folds: number;
  /** Pooled over the folds, threshold 0.5. */
  pooled: ClassificationFigures;
  /** Accuracy of each fold. */
  foldAccuracy: number[];
}

export interface OnlineResult extends HoldoutResult {
  /** Accuracy of the scores each training message got before it was learned (progressive validation). */
  progressiveAccuracy: number;
}

function train(vectors: readonly FeatureVector[], labels: readonly Label[], seed: number): DenseModel {
  return trainModel(vectors, labels, {
    bits: DEFAULT_FEATURE_OPTIONS.bits,
    settings: DEFAULT_LEARNER,
    epochs: DEFAULT_TRAINING.epochs,
    seed,
    spamWeight: DEFAULT_TRAINING.spamWeight,
  });
}

function scoreAll(model: DenseModel, vectors: readonly FeatureVector[]): Float64Array {
  return Float64Array.from(vectors, (v) => model.score(v));
}

function split(entries: readonly SmsCorpusEntry[]) {
  const cut = Math.round(entries.length * HOLDOUT_TRAIN_SHARE);
  const all = corpusExamples(entries);
  return {
    train: { vectors: all.vectors.slice(0, cut), labels: all.labels.slice(0, cut) },
    test: { vectors: all.vectors.slice(cut), labels: all.labels.slice(cut) },
  };
}

const count = (labels: readonly Label[]) => ({ messages: labels.length, spam: labels.filter((l) => l === 1).length });

/** (a) Batch training (DEFAULT_TRAINING epochs) on the first 30%, tested on the rest. */
export function holdout(corpus: readonly SmsCorpusEntry[]): HoldoutResult {
  const { train: tr, test } = split(corpus);
  // The operating threshold, from the training part alone.
  const folds = stratifiedFolds(tr.labels, FOLDS, FOLD_SEED);
  const outOfFold = new Float64Array(tr.labels.length);
  for (let f = 0; f < FOLDS; f++) {
    const inFold = tr.labels.map((_, i) => i).filter((i) => folds[i] !== f);
    const model = train(
      inFold.map((i) => tr.vectors[i]!),
      inFold.map((i) => tr.labels[i]!),
      DEFAULT_TRAINING.seed + 1 + f,
    );
    for (let i = 0; i < tr.labels.length; i++) if (folds[i] === f) outOfFold[i] = model.score(tr.vectors[i]!);
  }
  const threshold = chooseThreshold(outOfFold, tr.labels, MAX_BLOCKED_HAM);
  const model = train(tr.vectors, tr.labels, DEFAULT_TRAINING.seed);
  const scores = scoreAll(model, test.vectors);
  return {
    train: count(tr.labels),
    test: count(test.labels),
    threshold,
    atThreshold: figuresAt(scores, test.labels, threshold),
    atHalf: figuresAt(scores, test.labels, 0.5),
  };
}

/** (b) 5-fold stratified cross-validation on the de-duplicated corpus, threshold 0.5. */
export function crossValidation(corpus: readonly SmsCorpusEntry[]): CrossValidationResult {
  const entries = dedupe(corpus);
  const { vectors, labels } = corpusExamples(entries);
  const folds = stratifiedFolds(labels, FOLDS, FOLD_SEED);
  let pooled: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const foldAccuracy: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const trainIdx = labels.map((_, i) => i).filter((i) => folds[i] !== f);
    const testIdx = labels.map((_, i) => i).filter((i) => folds[i] === f);
    const model = train(
      trainIdx.map((i) => vectors[i]!),
      trainIdx.map((i) => labels[i]!),
      DEFAULT_TRAINING.seed + 10 + f,
    );
    const c = confusionAt(
      scoreAll(
        model,
        testIdx.map((i) => vectors[i]!),
      ),
      testIdx.map((i) => labels[i]!),
      0.5,
    );
    foldAccuracy.push(figuresOf(c).accuracy);
    pooled = addConfusion(pooled, c);
  }
  return { ...count(labels), folds: FOLDS, pooled: figuresOf(pooled), foldAccuracy };
}

/** (c) One online pass over (a)'s training part in corpus order, from an empty model. */
export function online(corpus: readonly SmsCorpusEntry[]): OnlineResult {
  const { train: tr, test } = split(corpus);
  const model = new DenseModel(DEFAULT_FEATURE_OPTIONS.bits, DEFAULT_LEARNER);
  const before = new Float64Array(tr.labels.length);
  for (let i = 0; i < tr.labels.length; i++) before[i] = model.learn(tr.vectors[i]!, tr.labels[i]!);
  const threshold = chooseThreshold(before, tr.labels, MAX_BLOCKED_HAM);
  const scores = scoreAll(model, test.vectors);
  return {
    train: count(tr.labels),
    test: count(test.labels),
    threshold,
    atThreshold: figuresAt(scores, test.labels, threshold),
    atHalf: figuresAt(scores, test.labels, 0.5),
    progressiveAccuracy: figuresAt(before, tr.labels, 0.5).accuracy,
  };
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  const corpus = readSmsCorpus();
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const line = (name: string, f: ClassificationFigures) =>
    console.log(
      `${name}: acc ${pct(f.accuracy)} SC ${pct(f.spamCaught)} BH ${pct(f.blockedHam)} F1 ${f.spamF1.toFixed(3)} ` +
        `MCC ${f.mcc.toFixed(3)} (tp ${f.tp} fp ${f.fp} tn ${f.tn} fn ${f.fn})`,
    );
  const a = holdout(corpus);
  line(`(a) hold-out @${a.threshold}`, a.atThreshold);
  line("(a) hold-out @0.5", a.atHalf);
  const b = crossValidation(corpus);
  line(`(b) ${b.folds}-fold CV on ${b.messages} @0.5`, b.pooled);
  const c = online(corpus);
  line(`(c) online @${c.threshold}`, c.atThreshold);
  line("(c) online @0.5", c.atHalf);
  console.log(`(c) progressive accuracy on the training stream ${pct(c.progressiveAccuracy)}`);
}
