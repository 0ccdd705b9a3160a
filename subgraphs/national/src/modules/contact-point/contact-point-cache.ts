import { TimedCache } from "#core";
import { ContactPointRecord } from "./contact-point.model";

/**
 * The country's contact points as read from its store, kept for at most `ttlMs` so that the regional
 * directory, read by every page and every fan-out, does not cost a store round trip each time. They are
 * the NCP directory, not case data; what a caller may see of them is still decided field by field, per
 * request. A write through this process drops them at once; a write by another process (another replica,
 * the demo seeding) shows within `ttlMs`. `ttlMs` 0 keeps nothing.
 */
export class ContactPointCache {
  private readonly cache: TimedCache<"all", ContactPointRecord[]>;

  constructor(ttlMs: number) {
    this.cache = new TimedCache(ttlMs, 1);
  }

  get(load: () => Promise<ContactPointRecord[]>): Promise<ContactPointRecord[]> {
    return this.cache.get("all", load);
  }

  invalidate(): void {
    this.cache.clear();
  }
}
