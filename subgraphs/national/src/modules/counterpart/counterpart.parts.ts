import { LoaderSources, ModuleParts } from "../../context.type";
import { createCounterpartLoader } from "./counterpart.loader";

const loaders = ({ federation, caller, deadline }: LoaderSources) => ({
  /** What the other party of each referral holds, one gateway request per counterpart country. */
  counterpartRecords: createCounterpartLoader(federation, caller, deadline),
});

declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** The other country's half of a referral, asked through the gateway; nothing stored. */
export const counterpartParts = { loaders } satisfies ModuleParts;
