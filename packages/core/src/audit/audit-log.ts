import mongoose, { Model } from "mongoose";
import { isDuplicateKeyError } from "../store-connection";
import { AuditRecord } from "./audit.model";
import { entryHash, GENESIS_HASH } from "./hash-chain";

export type AuditDraft = Omit<AuditRecord, "_id" | "prevHash" | "hash">;

const MAX_ATTEMPTS = 20;

/** Appends queued behind the one in progress, per audit collection of this process. */
const queues = new WeakMap<Model<any>, Promise<unknown>>();

/**
 * Appends to the hash chain. Appends from one process queue up, so they never race each other; between
 * processes (several replicas of one subgraph) the unique sequence number makes the later one retry,
 * so the chain never forks.
 */
export function appendAudit(model: Model<any>, pending: readonly AuditDraft[]): Promise<void> {
  if (!pending.length) return Promise.resolve();
  const previous = queues.get(model) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendNow(model, pending));
  queues.set(model, next);
  return next;
}

async function appendNow(model: Model<any>, pending: readonly AuditDraft[]): Promise<void> {
  let drafts = pending;
  if (!drafts.length) return;
  for (let attempt = 1; ; attempt++) {
    const head = await model.findOne().sort({ _id: -1 }).lean<AuditRecord>();
    let seq = head?._id ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const entries = drafts.map((draft) => {
      seq += 1;
      const unhashed = { ...draft, _id: seq, prevHash };
      const entry = { ...unhashed, hash: entryHash(unhashed) } as AuditRecord;
      prevHash = entry.hash;
      return entry;
    });
    try {
      await model.insertMany(entries, { ordered: true });
      return;
    } catch (error) {
      // Someone appended first. Anything of ours that got in before the clash stays, correctly chained
      // after the head we read; only the rest is retried.
      if (!isDuplicateKeyError(error) || attempt >= MAX_ATTEMPTS) throw error;
      const ids = entries.map((e) => e._id);
      const written = await model
        .find({ _id: mongoose.trusted({ $in: ids }) }, { hash: 1 })
        .lean<AuditRecord[]>();
      const ours = new Set(entries.map((e) => e.hash));
      const landed = written.filter((w) => ours.has(w.hash)).length;
      if (landed === drafts.length) return;
      drafts = drafts.slice(landed);
    }
  }
}
