/** Beyond this many keys, the least recently used are forgotten. */
const MAX_KEYS = 100_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets, one per key (a country, a caller, an address): each holds up to `burst` tokens and refills
 * at `perMinute`. A request takes what it costs, or is refused without taking anything. Process-local: with
 * several replicas, each admits its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly perMinute: number,
    readonly burst: number = perMinute,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens from `key`'s bucket; false, taking nothing, when it holds fewer. */
  take(key: string, cost = 1): boolean {
    const bucket = this.bucket(key);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Whole seconds until `key`'s bucket holds `cost` tokens again (at least 1). */
  retryAfterSeconds(key: string, cost = 1): number {
    const missing = cost - this.bucket(key).tokens;
    return Math.max(1, Math.ceil((missing / this.perMinute) * 60));
  }

  private bucket(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Moved to the end: the map is kept least recently used first.
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= MAX_KEYS) this.forget();
      bucket = { tokens: this.burst, at: now };
    }
    this.buckets.set(key, bucket);
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  /**
   * Makes room: the least recently used tenth goes at once (so that a flood of new keys does not pay a
   * scan each). A forgotten bucket comes back full; those are the callers idle longest.
   */
  private forget(): void {
    let drop = Math.ceil(MAX_KEYS / 10);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
