import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureVector } from "./features";
import { DenseModel, OverlayModel } from "./model";
import { decodeFeatures, decodeSnapshot, encodeFeatures, encodeSnapshot } from "./encoding";
import { FEATURE_VERSION } from "./features";

const BITS = DEFAULT_FEATURE_OPTIONS.bits;
const vec = (text: string): FeatureVector => {
  const v = extractFeatures({ text });
  return { length: v.length, indices: v.indices, values: v.values };
};
const SPAM = [
  "Claim your free prize now, call 09061701461",
  "URGENT! You have won a 1 week FREE membership",
  "Txt WIN to 80086 for a chance to win £1000",
].map(vec);
const HAM = [
  "Are we still on for lunch tomorrow?",
  "I'll be late, traffic is awful",
  "Can you send me the invoice again please",
].map(vec);

function trainedBase(): DenseModel {
  const base = new DenseModel(BITS);
  for (let epoch = 0; epoch < 3; epoch++)
    for (let i = 0; i < SPAM.length; i++) {
      base.learn(SPAM[i]!, 1);
      base.learn(HAM[i]!, 0);
    }
  return base;
}

function copyOf(model: DenseModel): DenseModel {
  const copy = new DenseModel(model.bits, model.settings);
  copy.z.set(model.z);
  copy.n.set(model.n);
  copy.w.set(model.w);
  return copy;
}

describe("learning", () => {
  it("moves the score towards the label it is taught, and reports the score it had before", () => {
    const model = new DenseModel(BITS);
    const probe = vec("Claim a free prize, call now");
    expect(model.score(probe)).toBe(0.5);
    const before = model.score(SPAM[0]!);
    expect(model.learn(SPAM[0]!, 1)).toBe(before);
    expect(model.score(SPAM[0]!)).toBeGreaterThan(before);
    expect(model.score(probe)).toBeGreaterThan(0.5);
    const spamScore = model.score(probe);
    model.learn(vec("Claim a free prize, call now"), 0);
    expect(model.score(probe)).toBeLessThan(spamScore);
  });

  it("takes smaller steps for a smaller weight", () => {
    const [full, weak] = [new DenseModel(BITS), new DenseModel(BITS)];
    full.learn(SPAM[1]!, 1, 1);
    weak.learn(SPAM[1]!, 1, 0.3);
    expect(full.score(SPAM[1]!)).toBeGreaterThan(weak.score(SPAM[1]!));
    expect(weak.score(SPAM[1]!)).toBeGreaterThan(0.5);
  });

  it("a tenant overlay learns exactly as a full copy of its base would, and never changes the base", () => {
    const base = trainedBase();
    const untouched = copyOf(base);
    const dense = copyOf(base);
    const overlay = new OverlayModel(base);
    const lessons = [
      ...SPAM.map((v) => [v, 1] as const),
      ...HAM.map((v) => [v, 0] as const),
      [vec("new words: cryptocurrency whatsapp investment"), 1] as const,
    ];
    for (const [v, label] of lessons) expect(overlay.learn(v, label, 0.7)).toBe(dense.learn(v, label, 0.7));
    for (const v of [...SPAM, ...HAM, vec("anything else at all")]) expect(overlay.score(v)).toBe(dense.score(v));
    expect(overlay.touched).toBeGreaterThan(64); // past the overlay's first growth
    expect(Buffer.from(base.w.buffer).equals(Buffer.from(untouched.w.buffer))).toBe(true);
    expect(Buffer.from(base.z.buffer).equals(Buffer.from(untouched.z.buffer))).toBe(true);
  });

  it("clones independently", () => {
    const overlay = new OverlayModel(trainedBase());
    overlay.learn(SPAM[0]!, 1);
    const clone = overlay.clone();
    expect(clone.score(HAM[0]!)).toBe(overlay.score(HAM[0]!));
    clone.learn(HAM[0]!, 1);
    expect(clone.score(HAM[0]!)).not.toBe(overlay.score(HAM[0]!));
  });
});

describe("encoding", () => {
  it("restores a tenant model bit for bit from its snapshot", () => {
    const base = trainedBase();
    const overlay = new OverlayModel(base);
    for (const v of SPAM) overlay.learn(v, 1);
    overlay.learn(HAM[2]!, 0, 0.5);
    const bytes = encodeSnapshot({ featureVersion: FEATURE_VERSION, bits: BITS, ...overlay.exportState() });
    expect(bytes.byteLength).toBe(16 + overlay.touched * 12);
    const state = decodeSnapshot(bytes);
    expect(state).toMatchObject({ featureVersion: FEATURE_VERSION, bits: BITS });
    const restored = OverlayModel.fromState(base, state);
    for (const v of [...SPAM, ...HAM]) expect(restored.score(v)).toBe(overlay.score(v));
    // And keeps learning the same way.
    expect(restored.learn(HAM[0]!, 0)).toBe(overlay.learn(HAM[0]!, 0));
    expect(restored.score(SPAM[2]!)).toBe(overlay.score(SPAM[2]!));
  });

  it("refuses damaged snapshots", () => {
    const base = new DenseModel(BITS);
    expect(() => decodeSnapshot(new Uint8Array(10))).toThrow(/not a classifier snapshot/);
    const good = encodeSnapshot({
      featureVersion: 1,
      bits: BITS,
      buckets: Int32Array.of(5, 9),
      z: Float32Array.of(1, 2),
      n: Float32Array.of(1, 1),
    });
    expect(() => decodeSnapshot(good.slice(0, good.byteLength - 4))).toThrow(/cannot hold/);
    const twice = decodeSnapshot(
      encodeSnapshot({
        featureVersion: 1,
        bits: BITS,
        buckets: Int32Array.of(5, 5),
        z: Float32Array.of(1, 2),
        n: Float32Array.of(1, 1),
      }),
    );
    expect(() => OverlayModel.fromState(base, twice)).toThrow(/twice/);
    const outside = decodeSnapshot(
      encodeSnapshot({
        featureVersion: 1,
        bits: BITS,
        buckets: Int32Array.of(2 ** BITS + 1),
        z: Float32Array.of(1),
        n: Float32Array.of(1),
      }),
    );
    expect(() => OverlayModel.fromState(base, outside)).toThrow(/outside/);
  });

  it("round-trips a label's features, and refuses malformed ones", () => {
    const v = SPAM[2]!;
    const decoded = decodeFeatures(encodeFeatures(v), BITS);
    expect([...decoded.indices]).toEqual([...v.indices]);
    expect([...decoded.values]).toEqual([...v.values]);
    expect(() => decodeFeatures(new Uint8Array(3), BITS)).toThrow(/malformed/);
    expect(() => decodeFeatures(encodeFeatures(v), 8)).toThrow(/outside/);
  });
});
