import { canonicalJson, sha256Hex } from "../canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** The fields a hash covers: everything but the hash itself. */
export interface ChainedEntry {
  _id: number;
  prevHash: string;
  hash: string;
  [field: string]: unknown;
}

/** SHA-256 over the canonical JSON of the entry (sequence number and previous hash included). */
export function entryHash(entry: Omit<ChainedEntry, "hash">): string {
  const { hash: _ignored, ...covered } = entry as ChainedEntry;
  return sha256Hex(canonicalJson(covered));
}

export interface WitnessedHead {
  seq: number;
  hash: string;
  at?: Date | string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry that does not verify, and why. */
  firstBroken?: { seq: number; reason: string };
}

/**
 * Walks the log in sequence order. Catches an edited entry (its hash), a deleted or reordered one (the
 * sequence or the link to the previous hash), and, with the heads the Children's Unit witnessed, a log
 * that was truncated or rewritten from some point on.
 */
export function verifyChain(
  entries: readonly ChainedEntry[],
  witnessed: readonly WitnessedHead[] = [],
): ChainReport {
  const sorted = [...entries].sort((a, b) => a._id - b._id);
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i];
    const expectedSeq = i + 1;
    if (entry._id !== expectedSeq) {
      return broken(
        sorted.length,
        expectedSeq,
        `entry ${expectedSeq} is missing (next present is ${entry._id})`,
      );
    }
    if (entry.prevHash !== prevHash) {
      return broken(
        sorted.length,
        entry._id,
        "does not link to the entry before it (reordered, replaced or inserted)",
      );
    }
    if (entryHash(entry) !== entry.hash)
      return broken(sorted.length, entry._id, "its content does not match its hash (edited)");
    prevHash = entry.hash;
  }
  for (const head of [...witnessed].sort((a, b) => a.seq - b.seq)) {
    const entry = sorted[head.seq - 1];
    if (!entry) {
      return broken(
        sorted.length,
        head.seq,
        `was witnessed but the log ends at ${sorted.length} (truncated)`,
      );
    }
    if (entry.hash !== head.hash)
      return broken(
        sorted.length,
        head.seq,
        "differs from the hash the Children's Unit witnessed (rewritten)",
      );
  }
  return { ok: true, entries: sorted.length };
}

const broken = (entries: number, seq: number, reason: string): ChainReport => ({
  ok: false,
  entries,
  firstBroken: { seq, reason },
});
