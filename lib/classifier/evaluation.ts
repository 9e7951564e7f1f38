// How well a model separates spam from the rest: confusion counts and the figures the SMS Spam
// Collection's literature reports (accuracy, spam caught, blocked ham, precision, F1, Matthews
// correlation), plus the deterministic pieces the evaluation protocols need (seeded shuffles,
// stratified folds, the corpus de-duplicated, batch training by repeated online passes).
import { DenseModel, type Label, type LearnerSettings, DEFAULT_LEARNER } from "./model";
import type { FeatureVector } from "./features";

export interface Confusion {
  /** Spam scored as spam. */
  tp: number;
  /** Ham scored as spam ("blocked ham"). */
  fp: number;
  tn: number;
  /** Spam let through. */
  fn: number;
}

export interface ClassificationFigures extends Confusion {
  accuracy: number;
  /** Recall on spam (the paper's "SC%"). */
  spamCaught: number;
  /** False-positive rate on ham (the paper's "BH%"). */
  blockedHam: number;
  precision: number;
  /** F1 of the spam class. */
  spamF1: number;
  /** Matthews correlation coefficient. */
  mcc: number;
}

export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<Label>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const spam = scores[i]! >= threshold;
    if (labels[i] === 1) spam ? c.tp++ : c.fn++;
    else spam ? c.fp++ : c.tn++;
  }
  return c;
}

export function figuresOf(c: Confusion): ClassificationFigures {
  const total = c.tp + c.fp + c.tn + c.fn;
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const spamCaught = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const denominator = Math.sqrt((c.tp + c.fp) * (c.tp + c.fn) * (c.tn + c.fp) * (c.tn + c.fn));
  return {
    ...c,
    accuracy: total ? (c.tp + c.tn) / total : 0,
    spamCaught,
    blockedHam: c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0,
    precision,
    spamF1: precision + spamCaught ? (2 * precision * spamCaught) / (precision + spamCaught) : 0,
    mcc: denominator ? (c.tp * c.tn - c.fp * c.fn) / denominator : 0,
  };
}

export function figuresAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<Label>,
  threshold: number,
): ClassificationFigures {
  return figuresOf(confusionAt(scores, labels, threshold));
}

/** Adds confusion counts (cross-validation folds pooled). */
export function addConfusion(a: Confusion, b: Confusion): Confusion {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, tn: a.tn + b.tn, fn: a.fn + b.fn };
}

/**
 * The threshold a team could pick from scores with known labels alone: the lowest one at which at most
 * `maxBlockedHam` of the ham would be blocked (and, among those, the best MCC). Used on out-of-fold
 * scores of training data, never on a test set.
 */
export function chooseThreshold(scores: ArrayLike<number>, labels: ArrayLike<Label>, maxBlockedHam: number): number {
  const candidates = [...new Set(Array.from(scores, (s) => Math.round(s * 1000) / 1000))].filter(
    (t) => t >= 0.05 && t <= 0.995,
  );
  candidates.push(0.5);
  let best = { threshold: 0.5, mcc: -Infinity, ok: false };
  for (const t of candidates.sort((a, b) => a - b)) {
    const f = figuresAt(scores, labels, t);
    const ok = f.blockedHam <= maxBlockedHam;
    if ((ok && !best.ok) || (ok === best.ok && f.mcc > best.mcc)) best = { threshold: t, mcc: f.mcc, ok };
  }
  return best.threshold;
}

/** Mulberry32: a small seeded PRNG, so every shuffle and fold is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fold number (0…k-1) of each example, each fold with the same share of spam, seeded. */
export function stratifiedFolds(labels: readonly Label[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length);
  for (const label of [0, 1] as const) {
    const members = shuffled(
      labels.flatMap((l, i) => (l === label ? [i] : [])),
      random,
    );
    members.forEach((index, position) => (folds[index] = position % k));
  }
  return folds;
}

/** The de-duplication key: case, surrounding and repeated whitespace ignored (5,574 → 5,159 texts). */
export function duplicateKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

export function dedupe<T extends { text: string }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = duplicateKey(entry.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface TrainingOptions {
  bits: number;
  settings?: LearnerSettings;
  /** Passes over the data; each pass visits the examples in a new seeded order. */
  epochs: number;
  seed: number;
  /** Step weight of spam examples (ham: 1). */
  spamWeight?: number;
}

/** A model trained from zero: `epochs` online passes over the examples in seeded orders. */
export function trainModel(
  vectors: readonly FeatureVector[],
  labels: readonly Label[],
  options: TrainingOptions,
): DenseModel {
  const model = new DenseModel(options.bits, options.settings ?? DEFAULT_LEARNER);
  const random = seededRandom(options.seed);
  const order = vectors.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(order, random))
      model.learn(vectors[i]!, labels[i]!, labels[i] === 1 ? (options.spamWeight ?? 1) : 1);
  }
  return model;
}
