import DataLoader from "dataloader";
import mongoose from "mongoose";

/** A per-request loader of one model's records by id: every load of a tick in one `$in` query. */
export function byIds<R extends { _id: unknown }>(
  model: mongoose.Model<any>,
  toId: (key: string) => unknown,
  keyOf: (record: R) => string,
): DataLoader<string, R | null> {
  return new DataLoader<string, R | null>(async (keys) => {
    const records = await model.find({ _id: mongoose.trusted({ $in: keys.map(toId) }) }).lean<R[]>();
    const byKey = new Map(records.map((r) => [keyOf(r), r]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of the records that belong to each key, in the order the query gives them. */
export function byParent<R>(
  find: (keys: readonly string[]) => Promise<R[]>,
  parentOf: (record: R) => string,
): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (keys) => {
    const records = await find(keys);
    return keys.map((key) => records.filter((record) => parentOf(record) === key));
  });
}
