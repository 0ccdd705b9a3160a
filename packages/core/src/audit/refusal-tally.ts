import { Model } from "mongoose";
import { appendAudit, AuditDraft } from "./audit-log";

/** How often counted refusals are written to the chain, when nothing else writes them sooner. */
const TALLY_INTERVAL_MS = 60_000;
/** Distinct (policy, subject, reason) counted between two writes; beyond, reasons are lumped together. */
const MAX_KEYS = 200;
const OTHER_REASONS = "(other reasons)";

/**
 * Refusals of callers who showed no valid token, counted rather than chained one by one. Each would
 * otherwise append a hash-chained entry (one per alias and country of a query), so a flood of anonymous
 * requests would fill the log and queue every signed-in caller's access behind its appends. Counted per
 * policy, subject ("anonymous" or "rejected-token") and reason, they are appended as one entry per key,
 * with its `count`, every minute, before the trail is read, and when the service stops. What
 * the caller named (record ids, its operation's name) is not kept: no one stands behind it.
 */
export class RefusalTally {
  private counts = new Map<string, AuditDraft & { count: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly log: Model<any>) {
    this.timer = setInterval(() => this.flush().catch(() => undefined), TALLY_INTERVAL_MS);
    this.timer.unref();
  }

  add(draft: AuditDraft): void {
    let reason = (draft.reason ?? "").slice(0, 300);
    let key = `${draft.policy}|${draft.subject}|${reason}`;
    if (!this.counts.has(key) && this.counts.size >= MAX_KEYS) {
      reason = OTHER_REASONS;
      key = `${draft.policy}|${draft.subject}|${reason}`;
    }
    const tallied = this.counts.get(key);
    if (tallied) tallied.count += 1;
    else
      this.counts.set(key, {
        ...draft,
        reason,
        operation: "(refusals without a valid token, counted)",
        recordIds: [],
        purpose: null,
        count: 1,
      } as AuditDraft & { count: number });
  }

  /**
   * Appends what was counted since the last flush, one entry per key. If the store cannot take them, the
   * counts are kept for the next flush (and the error thrown: a trail read then fails as any would).
   */
  async flush(): Promise<void> {
    if (!this.counts.size) return;
    const counted = this.counts;
    this.counts = new Map();
    const at = new Date();
    try {
      await appendAudit(
        this.log,
        [...counted.values()].map((draft) => ({ ...draft, at })),
      );
    } catch (error) {
      for (const [key, draft] of counted) {
        const since = this.counts.get(key);
        this.counts.set(key, since ? { ...draft, count: draft.count + since.count } : draft);
      }
      throw error;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const tallies = new Map<Model<any>, RefusalTally>();

/** The tally of one audit log (one per store, per process). */
export function refusalTally(log: Model<any>): RefusalTally {
  let tally = tallies.get(log);
  if (!tally) tallies.set(log, (tally = new RefusalTally(log)));
  return tally;
}

/** Writes every tally, e.g. before the log is read or when the service stops. */
export async function flushRefusalTallies(): Promise<void> {
  await Promise.all([...tallies.values()].map((tally) => tally.flush()));
}
