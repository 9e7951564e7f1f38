/**
 * A Map that keeps at most `capacity` entries, forgetting the oldest first: the latest answers of a memo
 * that a flood of distinct keys (a script) must not grow without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #capacity: number;

  constructor(capacity: number) {
    super();
    this.#capacity = capacity;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.#capacity) {
      this.delete(this.keys().next().value as K);
    }
    return super.set(key, value);
  }
}
