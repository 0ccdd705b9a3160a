import { Connection } from "mongoose";
import { ModuleParts } from "../../context.type";
import { partnerSchema } from "./partner.model";
import { planProgressSchema } from "./plan-progress.model";
import { workingGroupSchema } from "./working-group.model";

const models = (connection: Connection) => ({
  Partner: connection.model("Partner", partnerSchema),
  WorkingGroup: connection.model("WorkingGroup", workingGroupSchema),
  PlanProgress: connection.model("PlanProgress", planProgressSchema),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}

/** Partners, the national working group, progress on the Plan. */
export const networkParts = { store: models } satisfies ModuleParts;
