/**
 * The keys of the events seen recently, to deliver a replayed event once: at most `maxKeys` keys, each
 * for `ttlMs` from when it was first seen. Memory stays bounded whatever arrives: past `maxKeys`, the
 * oldest key is forgotten first (so a replay older than the last `maxKeys` events is delivered again).
 */
export class RecentEventKeys {
  /** Key → when it was first seen. A Map iterates in insertion order, which here is time order. */
  readonly #seenAt = new Map<string, number>();

  constructor(
    private readonly maxKeys: number,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** How many keys are held now. */
  get size(): number {
    return this.#seenAt.size;
  }

  /** Records `key`; `true` when it was already seen within the time to live (a replay). */
  checkAndAdd(key: string): boolean {
    if (this.maxKeys === 0) return false;
    const now = this.clock();
    this.#forgetExpired(now);
    if (this.#seenAt.has(key)) return true;
    this.#seenAt.set(key, now);
    if (this.#seenAt.size > this.maxKeys) this.#seenAt.delete(this.#seenAt.keys().next().value as string);
    return false;
  }

  #forgetExpired(now: number): void {
    for (const [key, seenAt] of this.#seenAt) {
      if (now - seenAt < this.ttlMs) break;
      this.#seenAt.delete(key);
    }
  }
}
