import { TimedCache } from "#core";
import { ModuleParts } from "../../context.type";
import { StoreOptions } from "../../store";
import { CountryStatistics } from "./statistics.type";

const caches = (_: unknown, options: StoreOptions) => ({
  /**
   * Disclosure-controlled figures per period (aggregates, no case data), so that many callers asking
   * for the same period cost one computation a `statisticsCacheMs`.
   */
  statistics: new TimedCache<string, CountryStatistics>(options.statisticsCacheMs ?? 0, 500),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof caches> {}
}

/** A period's figures, computed from the case counts; no model of its own. */
export const statisticsParts = { store: caches } satisfies ModuleParts;
