import "reflect-metadata";
import { parseArgs } from "node:util";
import { findEnabledCountry } from "#schema/registry";
import { openCountryStore } from "../subgraphs/national/src/assembly";
import { progressReporter, seedScale } from "./demo/scale-seed";
import { countryStoreUri } from "./store/store-uri";

const USAGE = "Usage: npm run seed:scale -- --country SE --cases 1000000 [--mongodb-uri URI]";

/**
 * `npm run seed:scale -- --country SE --cases 1000000`: fills one country's store (of a running
 * `npm start`, or the MongoDB given) with a deterministic caseload in bulk. Stop it at any time; the next
 * run resumes, and a larger --cases tops the store up.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { country: { type: "string" }, cases: { type: "string" }, "mongodb-uri": { type: "string" } },
  });
  const country = values.country ? findEnabledCountry(values.country) : undefined;
  if (!country) throw new Error(`--country must be an enabled country code.\n${USAGE}`);
  const target = Number(values.cases);
  if (!Number.isInteger(target) || target < 1 || target > 5_000_000)
    throw new Error(`--cases must be a whole number from 1 to 5000000.\n${USAGE}`);

  const store = await openCountryStore(countryStoreUri(country, values["mongodb-uri"]), country.code, 15_000);
  try {
    const startedAt = Date.now();
    await seedScale(store, country, target, progressReporter());
    console.log(
      `${country.name} holds ${target.toLocaleString("en")} scale cases (${((Date.now() - startedAt) / 1000).toFixed(1)} s).`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
