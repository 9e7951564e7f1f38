// 32-bit hashing of feature names straight from character codes, so that the hundreds of n-grams of a
// message are hashed without building a string for each (the npm murmurhash packages take a string:
// one allocation per n-gram, several times the cost of the mixing itself). The mixing steps are
// MurmurHash3's (x86, 32-bit) round and finalizer, applied to one UTF-16 code unit at a time.

/** Folds one more code unit (or any 32-bit integer) into a running hash. */
export function mixHash(hash: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Avalanches a running hash into its final unsigned 32-bit value. */
export function finishHash(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash of a whole string under a namespace seed (signal names, spam-string values). */
export function hashString(seed: number, text: string): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = mixHash(h, text.charCodeAt(i));
  return finishHash(mixHash(h, text.length));
}
