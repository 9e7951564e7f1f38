// The learner: logistic regression over hashed sparse features, trained online with FTRL-Proximal
// (McMahan et al., "Ad Click Prediction: a View from the Trenches", KDD 2013) — per-coordinate
// adaptive learning rates, so a word seen for the first time moves fast and a common one slowly, and
// L1/L2 regularization. Each update touches only the message's own features (a few hundred), so
// learning one label costs microseconds and the state of a tenant is the small set of coordinates its
// labels touched, kept on top of the shared default model (OverlayModel).
//
// Why in-house rather than a library: the npm logistic regressions (ml-logistic-regression, natural's
// LogisticRegressionClassifier) train in batch over dense matrices — a hashed space of 2^20 columns does
// not fit them, and every new label would retrain from scratch; wink's and natural's Bayes classifiers
// are not logistic regressions; TensorFlow.js is megabytes of dense-tensor machinery for what is here
// a loop over a few hundred (index, value) pairs. None offers sparse online updates or a state one can
// split into a shared base and a per-tenant delta.
//
// State is kept in Float32Arrays on purpose: every write rounds the same way on every instance, so
// two processes that apply the same labels in the same order hold bit-identical models, and a
// snapshot (float32) restores exactly the state that replaying the labels would.
import type { FeatureVector } from "./features";

export interface LearnerSettings {
  /** FTRL α: the scale of per-coordinate learning rates. */
  alpha: number;
  /** FTRL β: smooths the learning rate of rarely seen coordinates. */
  beta: number;
  /** L1 strength (sparsity). */
  l1: number;
  /** L2 strength. */
  l2: number;
}

export const DEFAULT_LEARNER: Readonly<LearnerSettings> = Object.freeze({ alpha: 0.7, beta: 0.01, l1: 0, l2: 0 });

/** A label: 1 = spam, 0 = not spam. */
export type Label = 0 | 1;

export function sigmoid(logit: number): number {
  if (logit >= 0) return 1 / (1 + Math.exp(-logit));
  const e = Math.exp(logit);
  return e / (1 + e);
}

/** Logits beyond ±35 are clamped: the probability is 0 or 1 to double precision anyway. */
const MAX_LOGIT = 35;

function ftrlWeight(z: number, n: number, s: LearnerSettings, l1: number): number {
  if (Math.abs(z) <= l1) return 0;
  return -(z - Math.sign(z) * l1) / ((s.beta + Math.sqrt(n)) / s.alpha + s.l2);
}

/** What both kinds of model offer. */
export interface LinearModel {
  readonly bits: number;
  readonly settings: LearnerSettings;
  /** The weight of a bucket (the bias is bucket 2^bits). */
  weight(bucket: number): number;
  /** Raw score (log-odds of spam). */
  logit(features: FeatureVector): number;
  /** Probability of spam, 0–1. */
  score(features: FeatureVector): number;
  /** One online step; returns the probability the model gave before the step. `weight` scales the step. */
  learn(features: FeatureVector, label: Label, weight?: number): number;
  /** The raw score, adding each feature's contribution into `sums` at the feature's origin (reasons). */
  contributions(features: FeatureVector & { origins: Int32Array }, sums: Float64Array): number;
}

function clampLogit(sum: number): number {
  return sum > MAX_LOGIT ? MAX_LOGIT : sum < -MAX_LOGIT ? -MAX_LOGIT : sum;
}

/**
 * One online step of logistic regression, the same for every model: the gradient of the log loss at the
 * model's current score, one step per feature and one (without L1) for the bias at `biasBucket`. `step`
 * updates the coordinate where the model keeps a bucket. Returns the probability before the step.
 */
function learnOnline(
  model: LinearModel,
  features: FeatureVector,
  label: Label,
  weight: number,
  biasBucket: number,
  step: (bucket: number, g: number, l1: number) => void,
): number {
  const p = model.score(features);
  const gradient = (p - label) * weight;
  if (gradient === 0) return p;
  const { indices, values, length } = features;
  const { l1 } = model.settings;
  for (let k = 0; k < length; k++) step(indices[k]!, gradient * values[k]!, l1);
  step(biasBucket, gradient, 0);
  return p;
}

/** The FTRL-Proximal update of coordinate `i` for gradient `g`. */
function ftrlStep(
  z: Float32Array,
  n: Float32Array,
  w: Float32Array,
  i: number,
  g: number,
  settings: LearnerSettings,
  l1: number,
): void {
  const nOld = n[i]!;
  const nNew = nOld + g * g;
  const sigma = (Math.sqrt(nNew) - Math.sqrt(nOld)) / settings.alpha;
  z[i] = z[i]! + g - sigma * w[i]!;
  n[i] = nNew;
  w[i] = ftrlWeight(z[i]!, n[i]!, settings, l1);
}

/** A model holding every coordinate: the default model, and models trained from scratch (evaluation). */
export class DenseModel implements LinearModel {
  readonly size: number;
  readonly z: Float32Array;
  readonly n: Float32Array;
  readonly w: Float32Array;

  constructor(
    readonly bits: number,
    readonly settings: LearnerSettings = DEFAULT_LEARNER,
  ) {
    this.size = 1 << bits;
    this.z = new Float32Array(this.size + 1);
    this.n = new Float32Array(this.size + 1);
    this.w = new Float32Array(this.size + 1);
  }

  weight(bucket: number): number {
    return this.w[bucket]!;
  }

  logit(features: FeatureVector): number {
    const { indices, values, length } = features;
    const w = this.w;
    let sum = w[this.size]!;
    for (let k = 0; k < length; k++) sum += w[indices[k]!]! * values[k]!;
    return clampLogit(sum);
  }

  score(features: FeatureVector): number {
    return sigmoid(this.logit(features));
  }

  contributions(features: FeatureVector & { origins: Int32Array }, sums: Float64Array): number {
    const { indices, values, origins, length } = features;
    const w = this.w;
    let sum = w[this.size]!;
    for (let k = 0; k < length; k++) {
      const c = w[indices[k]!]! * values[k]!;
      sum += c;
      sums[origins[k]!]! += c;
    }
    return clampLogit(sum);
  }

  learn(features: FeatureVector, label: Label, weight = 1): number {
    return learnOnline(this, features, label, weight, this.size, (i, g, l1) =>
      ftrlStep(this.z, this.n, this.w, i, g, this.settings, l1),
    );
  }
}

/**
 * Bucket → slot map of an overlay: open addressing over an Int32Array (keys stored as bucket + 1, 0 =
 * empty), kept at most half full. Several times faster than a Map<number, number> in the scoring loop.
 */
class SlotIndex {
  private keys = new Int32Array(64);
  private slots = new Int32Array(64);
  private mask = 63;
  size = 0;

  /** The bucket's slot, or -1. */
  get(bucket: number): number {
    const key = bucket + 1;
    const keys = this.keys;
    const mask = this.mask;
    let at = (Math.imul(bucket, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const k = keys[at]!;
      if (k === key) return this.slots[at]!;
      if (k === 0) return -1;
      at = (at + 1) & mask;
    }
  }

  set(bucket: number, slot: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const key = bucket + 1;
    let at = (Math.imul(bucket, 0x9e3779b1) >>> 0) & this.mask;
    while (this.keys[at] !== 0 && this.keys[at] !== key) at = (at + 1) & this.mask;
    if (this.keys[at] === 0) this.size++;
    this.keys[at] = key;
    this.slots[at] = slot;
  }

  private grow(): void {
    const [oldKeys, oldSlots] = [this.keys, this.slots];
    this.keys = new Int32Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== 0) this.set(oldKeys[i]! - 1, oldSlots[i]!);
  }
}

/**
 * A tenant's model: a shared, never-modified base (the default model) plus the coordinates the
 * tenant's labels touched, each with its own learner state. Memory and snapshots grow with what the
 * tenant taught, not with the size of the space.
 */
export class OverlayModel implements LinearModel {
  readonly bits: number;
  readonly settings: LearnerSettings;
  private readonly slots = new SlotIndex();
  private buckets: Int32Array;
  private z: Float32Array;
  private n: Float32Array;
  private w: Float32Array;
  private used = 0;

  constructor(
    readonly base: DenseModel,
    capacity = 256,
  ) {
    this.bits = base.bits;
    this.settings = base.settings;
    this.buckets = new Int32Array(capacity);
    this.z = new Float32Array(capacity);
    this.n = new Float32Array(capacity);
    this.w = new Float32Array(capacity);
  }

  /** Coordinates the tenant's labels changed. */
  get touched(): number {
    return this.used;
  }

  weight(bucket: number): number {
    const s = this.slots.get(bucket);
    return s < 0 ? this.base.w[bucket]! : this.w[s]!;
  }

  logit(features: FeatureVector): number {
    const { indices, values, length } = features;
    const baseW = this.base.w;
    const slots = this.slots;
    const w = this.w;
    let sum = this.weight(this.base.size);
    if (slots.size === 0) {
      for (let k = 0; k < length; k++) sum += baseW[indices[k]!]! * values[k]!;
    } else {
      for (let k = 0; k < length; k++) {
        const i = indices[k]!;
        const s = slots.get(i);
        sum += (s < 0 ? baseW[i]! : w[s]!) * values[k]!;
      }
    }
    return clampLogit(sum);
  }

  score(features: FeatureVector): number {
    return sigmoid(this.logit(features));
  }

  contributions(features: FeatureVector & { origins: Int32Array }, sums: Float64Array): number {
    const { indices, values, origins, length } = features;
    const baseW = this.base.w;
    const slots = this.slots;
    const w = this.w;
    let sum = this.weight(this.base.size);
    for (let k = 0; k < length; k++) {
      const i = indices[k]!;
      const s = slots.size === 0 ? -1 : slots.get(i);
      const c = (s < 0 ? baseW[i]! : w[s]!) * values[k]!;
      sum += c;
      sums[origins[k]!]! += c;
    }
    return clampLogit(sum);
  }

  learn(features: FeatureVector, label: Label, weight = 1): number {
    // slotOf first: it may grow the arrays the step then writes.
    return learnOnline(this, features, label, weight, this.base.size, (bucket, g, l1) => {
      const slot = this.slotOf(bucket);
      ftrlStep(this.z, this.n, this.w, slot, g, this.settings, l1);
    });
  }

  private slotOf(bucket: number): number {
    const existing = this.slots.get(bucket);
    if (existing >= 0) return existing;
    const s = this.allocate(bucket);
    this.z[s] = this.base.z[bucket]!;
    this.n[s] = this.base.n[bucket]!;
    this.w[s] = this.base.w[bucket]!;
    return s;
  }

  private allocate(bucket: number): number {
    if (this.used === this.buckets.length) {
      const grow = <T extends Int32Array | Float32Array>(a: T): T => {
        const next = new (a.constructor as new (n: number) => T)(a.length * 2);
        next.set(a);
        return next;
      };
      this.buckets = grow(this.buckets);
      this.z = grow(this.z);
      this.n = grow(this.n);
      this.w = grow(this.w);
    }
    const s = this.used++;
    this.buckets[s] = bucket;
    this.slots.set(bucket, s);
    return s;
  }

  /** A deep copy sharing the same base (a cache hands out copies it can keep learning on). */
  clone(): OverlayModel {
    const copy = new OverlayModel(this.base, Math.max(this.used, 16));
    copy.buckets.set(this.buckets.subarray(0, this.used));
    copy.z.set(this.z.subarray(0, this.used));
    copy.n.set(this.n.subarray(0, this.used));
    copy.w.set(this.w.subarray(0, this.used));
    copy.used = this.used;
    for (let s = 0; s < this.used; s++) copy.slots.set(this.buckets[s]!, s);
    return copy;
  }

  /** The touched coordinates: bucket, z and n (w follows from them). */
  exportState(): { buckets: Int32Array; z: Float32Array; n: Float32Array } {
    return { buckets: this.buckets.slice(0, this.used), z: this.z.slice(0, this.used), n: this.n.slice(0, this.used) };
  }

  /** Rebuilds a model from exportState()'s arrays on the same base. */
  static fromState(base: DenseModel, state: { buckets: Int32Array; z: Float32Array; n: Float32Array }): OverlayModel {
    const model = new OverlayModel(base, Math.max(state.buckets.length, 16));
    for (let k = 0; k < state.buckets.length; k++) {
      const bucket = state.buckets[k]!;
      if (bucket < 0 || bucket > base.size) throw new RangeError(`bucket ${bucket} outside a ${base.bits}-bit model`);
      if (model.slots.get(bucket) >= 0) throw new RangeError(`bucket ${bucket} appears twice`);
      const s = model.allocate(bucket);
      model.z[s] = state.z[k]!;
      model.n[s] = state.n[k]!;
      model.w[s] = ftrlWeight(model.z[s]!, model.n[s]!, model.settings, bucket === base.size ? 0 : model.settings.l1);
    }
    return model;
  }
}
