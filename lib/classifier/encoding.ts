// Byte layouts of what the classifier stores (little-endian, written and read explicitly):
// - a snapshot of a tenant's model: "BCS1", featureVersion, bits, count (u32 each), then count
//   buckets (i32), z (f32) and n (f32) — 12 bytes per coordinate the tenant's labels changed;
// - a label's features: count (u32), then count buckets (i32) and values (f32) — 8 bytes per feature.
import type { FeatureVector } from "./features";

const SNAPSHOT_MAGIC = 0x31534342; // "BCS1" read as a little-endian u32
const SNAPSHOT_HEADER = 16;

export interface SnapshotState {
  featureVersion: number;
  bits: number;
  buckets: Int32Array;
  z: Float32Array;
  n: Float32Array;
}

export function encodeSnapshot(state: SnapshotState): Uint8Array<ArrayBuffer> {
  const count = state.buckets.length;
  const bytes = new Uint8Array(SNAPSHOT_HEADER + count * 12);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, SNAPSHOT_MAGIC, true);
  view.setUint32(4, state.featureVersion, true);
  view.setUint32(8, state.bits, true);
  view.setUint32(12, count, true);
  let at = SNAPSHOT_HEADER;
  for (let k = 0; k < count; k++, at += 4) view.setInt32(at, state.buckets[k]!, true);
  for (let k = 0; k < count; k++, at += 4) view.setFloat32(at, state.z[k]!, true);
  for (let k = 0; k < count; k++, at += 4) view.setFloat32(at, state.n[k]!, true);
  return bytes;
}

export function decodeSnapshot(bytes: Uint8Array): SnapshotState {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < SNAPSHOT_HEADER || view.getUint32(0, true) !== SNAPSHOT_MAGIC)
    throw new Error("not a classifier snapshot");
  const count = view.getUint32(12, true);
  if (bytes.byteLength !== SNAPSHOT_HEADER + count * 12)
    throw new Error(`classifier snapshot of ${bytes.byteLength} bytes cannot hold ${count} coordinates`);
  const state: SnapshotState = {
    featureVersion: view.getUint32(4, true),
    bits: view.getUint32(8, true),
    buckets: new Int32Array(count),
    z: new Float32Array(count),
    n: new Float32Array(count),
  };
  let at = SNAPSHOT_HEADER;
  for (let k = 0; k < count; k++, at += 4) state.buckets[k] = view.getInt32(at, true);
  for (let k = 0; k < count; k++, at += 4) state.z[k] = view.getFloat32(at, true);
  for (let k = 0; k < count; k++, at += 4) state.n[k] = view.getFloat32(at, true);
  return state;
}

export function encodeFeatures(vector: FeatureVector): Uint8Array<ArrayBuffer> {
  const count = vector.length;
  const bytes = new Uint8Array(4 + count * 8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  let at = 4;
  for (let k = 0; k < count; k++, at += 4) view.setInt32(at, vector.indices[k]!, true);
  for (let k = 0; k < count; k++, at += 4) view.setFloat32(at, vector.values[k]!, true);
  return bytes;
}

export function decodeFeatures(bytes: Uint8Array, bits: number): FeatureVector {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.byteLength >= 4 ? view.getUint32(0, true) : -1;
  if (count < 0 || bytes.byteLength !== 4 + count * 8) throw new Error("malformed classifier features");
  const indices = new Int32Array(count);
  const values = new Float32Array(count);
  const size = 1 << bits;
  let at = 4;
  for (let k = 0; k < count; k++, at += 4) {
    const bucket = view.getInt32(at, true);
    if (bucket < 0 || bucket >= size)
      throw new Error(`classifier feature bucket ${bucket} outside a ${bits}-bit space`);
    indices[k] = bucket;
  }
  for (let k = 0; k < count; k++, at += 4) values[k] = view.getFloat32(at, true);
  return { length: count, indices, values };
}
