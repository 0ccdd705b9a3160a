import { AnyBulkWriteOperation, InferSchemaType, Model, Schema } from "mongoose";
import { CaseRecord } from "./case.model";

/**
 * Children identified, counted per month of identification and per value of each published dimension,
 * kept up to date by every case write. A year's case tables are then read from twelve small documents,
 * whatever the size of the store (aggregating 200 000 cases of a year took about 4 s).
 *
 * `counts` is `{ targetGroups: { TRAFFICKED: 3, ... }, stage: { ... }, sex, ageBand, nationality, ... }`; a
 * case without a value (no nationality, no form of exploitation) counts under NO_VALUE, and a case with
 * several values of a list (two target groups) counts once under each.
 */
export const caseCountSchema = new Schema(
  {
    _id: { type: String, required: true }, // "2026-05"
    year: { type: Number, required: true },
    month: { type: Number, required: true },
    counts: { type: Object, default: {} },
  },
  { collection: "case_counts", versionKey: false, strict: "throw" },
);
caseCountSchema.index({ year: 1 });

export type CaseCountRecord = InferSchemaType<typeof caseCountSchema> & {
  counts: Record<string, Record<string, number>>;
};

/** The statistics tables of cases and the case field each counts. */
export const CASE_TABLES = {
  casesByTargetGroup: "targetGroups",
  casesByExploitationForm: "exploitationForms",
  casesByStage: "stage",
  casesBySex: "sex",
  casesByAgeBand: "ageBand",
  casesByNationality: "nationality",
} as const;
const FIELDS = Object.values(CASE_TABLES);
export const NO_VALUE = "_none";

export type CountedCase = Pick<CaseRecord, "identifiedOn" | (typeof FIELDS)[number]>;

/** The values a case counts under for one field: each element of a list, or NO_VALUE for none. */
function valuesOf(value: unknown): string[] {
  const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null);
  return values.length ? [...new Set(values.map(String))] : [NO_VALUE];
}

const monthOf = (date: Date) => ({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 });
const keyOf = ({ year, month }: { year: number; month: number }) =>
  `${year}-${String(month).padStart(2, "0")}`;

/** The `$inc` updates that move the counts from a case as it was to the case as it is (either may be absent). */
export function caseCountChanges(before?: CountedCase | null, after?: CountedCase | null) {
  const deltas = new Map<string, { year: number; month: number; inc: Record<string, number> }>();
  const add = (record: CountedCase | null | undefined, by: number) => {
    if (!record) return;
    const when = monthOf(new Date(record.identifiedOn));
    const entry = deltas.get(keyOf(when)) ?? { ...when, inc: {} };
    deltas.set(keyOf(when), entry);
    for (const field of FIELDS) {
      for (const value of valuesOf(record[field])) {
        const path = `counts.${field}.${value}`;
        entry.inc[path] = (entry.inc[path] ?? 0) + by;
      }
    }
  };
  add(before, -1);
  add(after, +1);
  const operations: AnyBulkWriteOperation[] = [];
  for (const [key, { year, month, inc }] of deltas) {
    const changed = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0));
    if (!Object.keys(changed).length) continue;
    operations.push({
      updateOne: {
        filter: { _id: key },
        update: { $inc: changed, $setOnInsert: { year, month } },
        upsert: true,
      },
    });
  }
  return operations;
}

/** Applies `caseCountChanges` to the store, right after the case write it follows. */
export async function applyCaseCounts(model: Model<any>, operations: AnyBulkWriteOperation[]): Promise<void> {
  if (operations.length) await model.collection.bulkWrite(operations as any[], { ordered: true });
}

const REBUILT = "case-counts";

interface CountModels {
  Case: Model<any>;
  CaseCount: Model<any>;
  Meta: Model<any>;
}

/**
 * Recounts every month from the cases themselves, with one aggregation per dimension, and marks the store
 * as counted. Runs before a subgraph reports ready on a store that was never counted (one from before the
 * counts existed, or whose marker an operator removed to have it recounted), and after bulk seeding.
 */
export async function rebuildCaseCounts({
  Case: cases,
  CaseCount: counts,
  Meta: meta,
}: CountModels): Promise<void> {
  const months = new Map<
    string,
    { year: number; month: number; counts: Record<string, Record<string, number>> }
  >();
  for (const field of FIELDS) {
    const rows = await cases.aggregate<{
      _id: { year: number; month: number; value?: string | null };
      n: number;
    }>([
      // A list counts once per element; an empty list or a missing value counts as no value.
      { $unwind: { path: `$${field}`, preserveNullAndEmptyArrays: true } },
      {
        $group: {
          _id: { year: { $year: "$identifiedOn" }, month: { $month: "$identifiedOn" }, value: `$${field}` },
          n: { $sum: 1 },
        },
      },
    ]);
    for (const { _id, n } of rows) {
      const entry = months.get(keyOf(_id)) ?? { year: _id.year, month: _id.month, counts: {} };
      months.set(keyOf(_id), entry);
      (entry.counts[field] ??= {})[_id.value ?? NO_VALUE] = n;
    }
  }
  // Replaced month by month, so a reader never sees the counts empty; months without cases go.
  await counts.collection.bulkWrite(
    [
      ...[...months].map(([key, entry]) => ({
        replaceOne: { filter: { _id: key }, replacement: entry, upsert: true },
      })),
      { deleteMany: { filter: { _id: { $nin: [...months.keys()] } } } },
    ] as any[],
    { ordered: true },
  );
  await meta.collection.updateOne({ _id: REBUILT as any }, { $set: { value: new Date() } }, { upsert: true });
}

/** Counts a store that was never counted; the rest of the time, the case writes keep the counts. */
export async function ensureCaseCounts(models: CountModels): Promise<void> {
  if (!(await models.Meta.collection.findOne({ _id: REBUILT as any }))) await rebuildCaseCounts(models);
}
