import { ContactPointRecord } from "./contact-point.model";

/**
 * The country's contact points as read from its store, kept for at most `ttlMs` so that the regional
 * directory, read by every page and every fan-out, does not cost a store round trip each time. They are
 * the NCP directory, not case data; what a caller may see of them is still decided field by field, per
 * request. A write through this process drops them at once; a write by another process (another replica,
 * the demo seeding) shows within `ttlMs`. `ttlMs` 0 keeps nothing.
 */
export class ContactPointCache {
  private entry?: { until: number; records: Promise<ContactPointRecord[]> };

  constructor(private readonly ttlMs: number) {}

  get(load: () => Promise<ContactPointRecord[]>): Promise<ContactPointRecord[]> {
    const now = Date.now();
    if (this.entry && this.entry.until > now) return this.entry.records;
    const records = load();
    if (this.ttlMs > 0) {
      const entry = { until: now + this.ttlMs, records };
      this.entry = entry;
      // A failed read is not kept.
      records.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return records;
  }

  invalidate(): void {
    this.entry = undefined;
  }
}
