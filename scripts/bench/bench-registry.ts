import { COUNTRIES } from "#schema/countries";

/**
 * A bench-only registry: with `--all-countries`, every country of the registry is enabled in this process,
 * the invited neighbours included, so the planner can be measured with the types the federation will have
 * when they join. Imported first by `bench-plan.ts`, before anything reads the registry; no service ever
 * loads it.
 */
if (process.argv.includes("--all-countries")) {
  for (const country of COUNTRIES) (country as { enabled: boolean }).enabled = true;
}
