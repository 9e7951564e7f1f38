// Hyper-parameter search for the spam classifier, on the TRAINING part of the hold-out protocol only
// (the first 30% of the SMS Spam Collection): 5-fold stratified cross-validation inside it, pooled
// out-of-fold scores. The 70% test part and the de-duplicated cross-validation of the bench are never
// read here. Usage: npx tsx scripts/classifier-tune.ts [--grid name]
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import {
  DEFAULT_FEATURE_OPTIONS,
  extractFeatures,
  type FeatureOptions,
  type FeatureVector,
} from "@/lib/classifier/features";
import { DEFAULT_LEARNER, type Label, type LearnerSettings } from "@/lib/classifier/model";
import { chooseThreshold, dedupe, figuresAt, stratifiedFolds, trainModel } from "@/lib/classifier/evaluation";
import { DEFAULT_TRAINING, HOLDOUT_TRAIN_SHARE, classifierInputOf } from "@/lib/classifier/default-model";

interface Config {
  name: string;
  features: FeatureOptions;
  settings: LearnerSettings;
  epochs: number;
  spamWeight: number;
  /** Pass the spam strings the extractor finds (as ingest will), or the text alone. */
  strings: boolean;
}

const corpus = readSmsCorpus();
// De-duplicated: templated spam repeated across folds would flatter every configuration alike and
// hide which one generalizes (the first look at the test set showed the gap: inner CV 0.958, test 0.929).
const train = dedupe(corpus.slice(0, Math.round(corpus.length * HOLDOUT_TRAIN_SHARE)));
const labels: Label[] = train.map((e) => (e.label === "spam" ? 1 : 0));
const folds = stratifiedFolds(labels, 5, 7);

function evaluate(config: Config) {
  const vectors: FeatureVector[] = train.map((e) => {
    const v = extractFeatures(config.strings ? classifierInputOf(e.text) : { text: e.text }, config.features);
    return { length: v.length, indices: v.indices, values: v.values };
  });
  const scores = new Float64Array(train.length);
  for (let f = 0; f < 5; f++) {
    const idx = train.map((_, i) => i).filter((i) => folds[i] !== f);
    const model = trainModel(
      idx.map((i) => vectors[i]!),
      idx.map((i) => labels[i]!),
      {
        bits: config.features.bits,
        settings: config.settings,
        epochs: config.epochs,
        seed: 11 + f,
        spamWeight: config.spamWeight,
      },
    );
    for (let i = 0; i < train.length; i++) if (folds[i] === f) scores[i] = model.score(vectors[i]!);
  }
  const at5 = figuresAt(scores, labels, 0.5);
  const t = chooseThreshold(scores, labels, 0.001);
  const atT = figuresAt(scores, labels, t);
  // Log loss: a smoother criterion than counts on 1,672 messages.
  let loss = 0;
  for (let i = 0; i < scores.length; i++) loss -= Math.log(Math.max(1e-12, labels[i] ? scores[i]! : 1 - scores[i]!));
  return { at5, t, atT, loss: loss / scores.length };
}

const base: Config = {
  name: "default",
  features: { ...DEFAULT_FEATURE_OPTIONS },
  settings: { ...DEFAULT_LEARNER },
  epochs: DEFAULT_TRAINING.epochs,
  spamWeight: DEFAULT_TRAINING.spamWeight,
  strings: true,
};
const variants: Config[] = [base];
const grid = process.argv.includes("--grid") ? process.argv[process.argv.indexOf("--grid") + 1] : "default";
const v = (name: string, change: (c: Config) => void) => {
  const c: Config = structuredClone(base);
  c.name = name;
  change(c);
  variants.push(c);
};
if (grid === "learner") {
  for (const alpha of [0.1, 0.2, 0.5, 1, 2])
    for (const l2 of [0, 0.1, 1]) v(`alpha=${alpha} l2=${l2}`, (c) => Object.assign(c.settings, { alpha, l2 }));
  for (const l1 of [0.01, 0.05]) v(`l1=${l1}`, (c) => (c.settings.l1 = l1));
  for (const epochs of [1, 3, 10, 20]) v(`epochs=${epochs}`, (c) => (c.epochs = epochs));
  for (const spamWeight of [1.5, 2, 3]) v(`spamWeight=${spamWeight}`, (c) => (c.spamWeight = spamWeight));
} else if (grid === "normalized") {
  for (const beta of [0.01, 0.1, 1])
    for (const alpha of [0.1, 0.3, 1, 3])
      v(`norm beta=${beta} alpha=${alpha}`, (c) => {
        c.features.normalize = true;
        Object.assign(c.settings, { alpha, beta, l2: 0.1 });
      });
} else if (grid === "normalized-fine") {
  for (const alpha of [0.2, 0.3, 0.5, 0.7, 1])
    for (const l2 of [0, 0.1, 1])
      for (const epochs of [3, 5, 10])
        v(`norm a=${alpha} l2=${l2} ep=${epochs}`, (c) => {
          c.features.normalize = true;
          Object.assign(c.settings, { alpha, beta: 0.01, l2 });
          c.epochs = epochs;
        });
} else if (grid === "fine") {
  for (const alpha of [0.15, 0.2, 0.3])
    for (const l2 of [0.1, 1, 3])
      for (const epochs of [3, 5, 10])
        v(`alpha=${alpha} l2=${l2} ep=${epochs}`, (c) => {
          Object.assign(c.settings, { alpha, l2 });
          c.epochs = epochs;
        });
} else if (grid === "features") {
  v("text only (no strings)", (c) => (c.strings = false));
  v("chars 2-5", (c) => (c.features.charMin = 2));
  v("chars 3-4", (c) => (c.features.charMax = 4));
  v("chars 3-5", (c) => (c.features.charMin = 3));
  v("chars 3-6", (c) => (c.features.charMax = 6));
  v("chars 1-5", (c) => (c.features.charMin = 1));
  v("no bigrams", (c) => (c.features.wordBigrams = false));
  v("no shapes", (c) => (c.features.shapes = false));
  v("not normalized", (c) => (c.features.normalize = false));
  v("bits 18", (c) => (c.features.bits = 18));
  v("bits 22", (c) => (c.features.bits = 22));
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
for (const config of variants) {
  const started = performance.now();
  const r = evaluate(config);
  console.log(
    `${config.name.padEnd(24)} @0.5 acc ${pct(r.at5.accuracy)} SC ${pct(r.at5.spamCaught)} BH ` +
      `${pct(r.at5.blockedHam)} MCC ${r.at5.mcc.toFixed(3)} | ` +
      `t=${r.t.toFixed(3)} SC ${pct(r.atT.spamCaught)} BH ${pct(r.atT.blockedHam)} MCC ${r.atT.mcc.toFixed(3)} | ` +
      `logloss ${r.loss.toFixed(4)} | ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
