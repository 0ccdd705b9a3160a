import { Model } from "mongoose";
import { canonicalJson, ConflictError, isDuplicateKeyError, sha256Hex } from "#core";

/** The fingerprint of what a client sent under an idempotency key. */
export const payloadHash = (payload: unknown) => sha256Hex(canonicalJson(payload));

/**
 * A write under a client's idempotency key, for records whose collection has a unique index on
 * `idempotencyKey`. A retry with the same key and payload gets the first result; the same key with another
 * payload is CONFLICT and writes nothing; when two tries race, the unique index lets one write and the other
 * answers as the winner did.
 */
export async function writeOnce<R extends { payloadHash: string }>(options: {
  model: Model<any>;
  key: string;
  payload: unknown;
  /** The CONFLICT message when the key was used with another payload. */
  conflict: (existing: R) => string;
  /** Checks and the write itself, run only for a new key; returns the record written. */
  create: (hash: string) => Promise<R>;
}): Promise<R> {
  const { model, key, conflict, create } = options;
  const hash = payloadHash(options.payload);
  const earlier = async () => {
    const existing = await model.findOne({ idempotencyKey: key }).lean<R>();
    if (existing && existing.payloadHash !== hash) throw new ConflictError(conflict(existing));
    return existing ?? undefined;
  };
  const replayed = await earlier();
  if (replayed) return replayed;
  try {
    return await create(hash);
  } catch (error) {
    const raced = isDuplicateKeyError(error) ? await earlier() : undefined;
    if (raced) return raced;
    throw error;
  }
}
