import mongoose, { Model, Schema } from "mongoose";

/** What a postman keeps of each item it delivers, in the item's own collection. */
export interface Deliverable {
  _id: string;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt?: Date | null;
  gaveUpAt?: Date | null;
  lastError?: string;
}

/** The `Deliverable` fields of an outbox collection's schema. */
export const DELIVERABLE_FIELDS = {
  attempts: { type: Number, required: true, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  deliveredAt: { type: Date, default: null },
  gaveUpAt: { type: Date, default: null },
  lastError: String,
} as const;

/** The index behind the postman's question: which items are due. */
export function indexDue(schema: Schema): void {
  schema.index({ deliveredAt: 1, gaveUpAt: 1, nextAttemptAt: 1 });
}

/** The outcome of one attempt: delivered, or why not, and whether trying again could help. */
export type Attempt = { delivered: true } | { delivered: false; reason: string; final: boolean };

/** Items delivered per pass; the next pass takes the rest at once. */
const BATCH = 50;
/** When the items cannot be read (the store is down), look again after this long. */
const STORE_RETRY_MS = 5_000;

/**
 * Delivers the items of a persistent outbox (a collection of `Deliverable`s) and retries those that fail
 * with exponential backoff (1 s, 2 s, 4 s... at most `retryMaxMs`), until they are delivered or refused for
 * good; the outbox is read again at start, so nothing waits on a process's memory. Never two passes at
 * once; a `kick` during a pass starts another right after.
 */
export class Postman<T extends Deliverable> {
  private running = false;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly outbox: Model<T>,
    private readonly attempt: (item: T) => Promise<Attempt>,
    private readonly retryMaxMs: number,
    private readonly log: (line: string) => void,
    private readonly name: string,
  ) {}

  /** Starts delivering once the store is ready (items left by an earlier run included). */
  start(ready: Promise<unknown>): void {
    void ready.then(
      () => this.kick(),
      () => undefined,
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pass();
  }

  private async pass(): Promise<void> {
    this.running = true;
    clearTimeout(this.timer);
    let wait: number | undefined;
    try {
      do {
        this.again = false;
        const due = await this.outbox
          .find({ deliveredAt: null, gaveUpAt: null, nextAttemptAt: mongoose.trusted({ $lte: new Date() }) })
          .sort({ nextAttemptAt: 1 })
          .limit(BATCH)
          .lean<T[]>();
        // Every delivery settles before the next pass, whatever the others do.
        await Promise.allSettled(due.map((item) => this.deliver(item)));
        if (due.length === BATCH) this.again = true;
      } while (this.again && !this.stopped);
      const next = await this.outbox
        .findOne({ deliveredAt: null, gaveUpAt: null })
        .sort({ nextAttemptAt: 1 })
        .lean<T>();
      if (next) wait = Math.max(0, next.nextAttemptAt.getTime() - Date.now());
    } catch (error) {
      this.log(
        `${this.name}: the outbox could not be read (${(error as Error).message}); looking again shortly`,
      );
      wait = STORE_RETRY_MS;
    } finally {
      this.running = false;
    }
    // Something was rung after the last look at the outbox: look again now.
    if (this.again && !this.stopped) return this.kick();
    if (wait !== undefined && !this.stopped) {
      this.timer = setTimeout(() => this.kick(), wait);
      this.timer.unref();
    }
  }

  private async deliver(item: T): Promise<void> {
    const attempts = item.attempts + 1;
    const outcome = await this.attempt(item).catch((error): Attempt => ({
      delivered: false,
      reason: (error as Error).message,
      final: false,
    }));
    if (outcome.delivered) {
      await this.outbox.updateOne(
        { _id: item._id },
        { $set: { deliveredAt: new Date(), attempts }, $unset: { lastError: 1 } },
      );
      return;
    }
    const delay = Math.min(1_000 * 2 ** (attempts - 1), this.retryMaxMs);
    await this.outbox.updateOne(
      { _id: item._id },
      {
        $set: {
          attempts,
          lastError: outcome.reason,
          ...(outcome.final ? { gaveUpAt: new Date() } : { nextAttemptAt: new Date(Date.now() + delay) }),
        },
      },
    );
    if (outcome.final) this.log(`${this.name}: ${item._id} refused for good: ${outcome.reason}`);
  }
}
