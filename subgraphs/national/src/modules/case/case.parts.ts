import { Connection, Types } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { byIds } from "../by-ids";
import { caseCountSchema, ensureCaseCounts } from "./case-counts";
import { migrateLegacyCases } from "./case-migration";
import { CaseRecord, caseSchema } from "./case.model";

const models = (connection: Connection) => ({
  Case: connection.model("Case", caseSchema),
  CaseCount: connection.model("CaseCount", caseCountSchema),
});

const loaders = ({ store }: LoaderSources) => ({
  cases: byIds<CaseRecord>(
    store.Case,
    (id) => new Types.ObjectId(id),
    (r) => r._id.toHexString(),
  ),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** Cases and their monthly counts; before the subgraph answers, older records brought up to date and counted. */
export const caseParts = {
  store: models,
  loaders,
  prepare: async (store) => {
    await migrateLegacyCases(store);
    await ensureCaseCounts(store);
  },
} satisfies ModuleParts;
