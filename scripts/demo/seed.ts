// scripts/demo/: the fictional data of a local federation. seed.ts (contact points, case volumes),
// demo-referrals.ts and demo-network.ts write it on first start; demo-users.ts is the development identity
// providers' people; scale-seed.ts is the bulk caseload of `npm run seed:scale` and the benchmarks.
import { Types } from "mongoose";
import { CountryEntry } from "#schema/countries";
import { rebuildCaseCounts } from "../../subgraphs/national/src/modules/case/case-counts";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { demoCases } from "./demo-cases";
import { demoContactPoints } from "./demo-contact-points";

const SEED_MARKER = "demo-seed";

/**
 * Seeds a country's store with demo contact points and case volumes once. The marker makes it a first-start action: records
 * an officer later edits or removes stay as the officer left them. Stable ids make a retry harmless.
 */
export async function seedCountry(country: CountryEntry, mongoUri: string): Promise<boolean> {
  const store = await openCountryStore(mongoUri);
  try {
    if (await store.Meta.exists({ _id: SEED_MARKER })) return false;
    for (const { _id, ...fields } of demoContactPoints(country)) {
      await store.ContactPoint.updateOne(
        { _id: new Types.ObjectId(_id) },
        { $setOnInsert: { ...fields, version: 1 } },
        { upsert: true },
      );
    }
    await store.Case.insertMany(demoCases(country));
    await rebuildCaseCounts(store);
    await store.Meta.updateOne({ _id: SEED_MARKER }, { $set: { value: new Date() } }, { upsert: true });
    return true;
  } finally {
    await store.close();
  }
}
