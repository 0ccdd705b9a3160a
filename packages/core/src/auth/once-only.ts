/** The registry is full of live ids: the caller is refused until some expire. */
export class OnceOnlyFull extends Error {}

/**
 * Ids that are taken once each, remembered until they expire: the gateway credentials a subgraph spends,
 * the proofs of possession the gateway (and a subgraph called directly) takes. Remembered in the order
 * they arrive; they live about as long, so the expired ones are at the front. At most `capacity` live ids,
 * so that no flood of valid ids can fill the process's memory.
 */
export class OnceOnly<T = undefined> {
  private readonly seen = new Map<string, { expiresAt: number; value: T }>();

  constructor(private readonly capacity = 100_000) {}

  /**
   * Takes `id` until `expiresAt` (epoch seconds): true the first time, false when it was taken before.
   * Throws `OnceOnlyFull` when `capacity` live ids are held.
   */
  take(id: string, expiresAt: number, value: T): boolean {
    const now = Date.now() / 1000;
    for (const [seenId, entry] of this.seen) {
      if (entry.expiresAt >= now) break;
      this.seen.delete(seenId);
    }
    if (this.seen.has(id)) return false;
    if (this.seen.size >= this.capacity) throw new OnceOnlyFull();
    this.seen.set(id, { expiresAt, value });
    return true;
  }

  /** What was kept with a taken id that has not expired. */
  valueOf(id: string): T | undefined {
    return this.seen.get(id)?.value;
  }
}
