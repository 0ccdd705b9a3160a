import { ValidateBy } from "class-validator";
import { findPlanItem, PlanItem } from "#schema/plan-of-action";
import { BadUserInputError } from "./errors";

const notAnItem = (id: unknown) =>
  `'${String(id).slice(0, 20)}' is not an item of the Plan of Action, such as II.6 (planOfAction lists them)`;

/** The item an argument names, or BAD_USER_INPUT naming the field. */
export function planItemOrRefuse(id: string, field: string): PlanItem {
  const item = findPlanItem(id);
  if (!item) throw new BadUserInputError(notAnItem(id), field);
  return item;
}

/** An input field (or each element of a list) that names an item of the Plan of Action. */
export const IsPlanItem = (options: { each?: boolean } = {}) =>
  ValidateBy(
    {
      name: "isPlanItem",
      validator: {
        validate: (value: unknown) => typeof value === "string" && findPlanItem(value) !== undefined,
        defaultMessage: (args) => notAnItem(args?.value),
      },
    },
    options,
  );

/** A calendar year argument, as the network's lists take it. */
export function assertYear(year: number | undefined, field = "year"): void {
  if (year != null && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
    throw new BadUserInputError("must be a year between 2000 and 2100", field);
  }
}

/** The range of one calendar year, for a date filter. */
export function yearRange(year: number): { $gte: Date; $lt: Date } {
  return { $gte: new Date(Date.UTC(year, 0, 1)), $lt: new Date(Date.UTC(year + 1, 0, 1)) };
}
