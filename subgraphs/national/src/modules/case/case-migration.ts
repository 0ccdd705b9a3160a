import { Model } from "mongoose";
import { rebuildCaseCounts } from "./case-counts";

const MIGRATED = "migrated:casework-records";

interface MigrationModels {
  Case: Model<any>;
  CaseCount: Model<any>;
  Referral: Model<any>;
  Meta: Model<any>;
}

/**
 * Stores written before a case could belong to several target groups hold `targetGroup` (one value) on
 * cases and in referral profiles; this turns it into `targetGroups` once, gives ended referrals the date
 * they ended, and recounts the cases. Guardian and child's-views dates of such cases stay as
 * they were stored: the records that replace them need substance that no date carries, so an officer
 * records them, and the return gate waits for that.
 */
export async function migrateLegacyCases(models: MigrationModels): Promise<void> {
  const { Case, Referral, Meta } = models;
  if (await Meta.collection.findOne({ _id: MIGRATED as any })) return;
  const done = () =>
    Meta.collection.updateOne({ _id: MIGRATED as any }, { $set: { value: new Date() } }, { upsert: true });
  const empty =
    (await Case.collection.estimatedDocumentCount()) === 0 &&
    (await Referral.collection.estimatedDocumentCount()) === 0;
  if (empty) {
    await done(); // a new store has nothing of the old shape
    return;
  }
  // One pass over each collection (no filter, so no index is needed); records already in shape stay as they are.
  await Case.collection.updateMany({}, [
    {
      $set: {
        targetGroups: { $ifNull: ["$targetGroups", ["$targetGroup"]] },
        exploitationForms: { $ifNull: ["$exploitationForms", []] },
      },
    },
    { $unset: "targetGroup" },
  ]);
  await Referral.collection.updateMany({}, [
    {
      $set: {
        profile: {
          $cond: [
            { $ifNull: ["$profile.targetGroup", false] },
            { $mergeObjects: ["$profile", { targetGroups: ["$profile.targetGroup"] }] },
            "$profile",
          ],
        },
        // Retention counts from the end of a referral: for one ended before that was kept, its last change.
        endedAt: {
          $ifNull: [
            "$endedAt",
            { $cond: [{ $eq: ["$status", "SENT"] }, null, { $arrayElemAt: ["$history.at", -1] }] },
          ],
        },
      },
    },
    { $unset: "profile.targetGroup" },
  ]);
  // Counted again before the migration is marked done: a start cut short here migrates and counts again.
  await rebuildCaseCounts(models);
  await done();
}
