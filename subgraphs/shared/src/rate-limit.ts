/** Beyond this many keys, buckets that have refilled (idle callers) are forgotten, then the oldest. */
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
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.forget(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  private forget(now: number): void {
    const refill = (this.burst / this.perMinute) * 60_000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refill) this.buckets.delete(key);
    if (this.buckets.size >= MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
