import plan from "./plan-of-action.json";

/**
 * The Plan of Action's sections and items, as data (`plan-of-action.json`): the activity tracker, the
 * countries' progress notes and the WGCC report all name items by these ids, and nothing else does.
 */
export interface PlanItem {
  readonly id: string;
  readonly title: string;
  /** Who carries the item by default: the Regional Focal Point, or every country for itself. */
  readonly owner: "RFP" | "COUNTRIES";
}
export interface PlanSection {
  readonly number: string;
  readonly title: string;
  readonly items: readonly PlanItem[];
}
export interface PlanOfAction {
  readonly title: string;
  /** Where the wording comes from, and how far it may be relied on. */
  readonly source: string;
  readonly sections: readonly PlanSection[];
}

export const PLAN_OF_ACTION = plan as PlanOfAction;

export const PLAN_ITEMS: readonly PlanItem[] = PLAN_OF_ACTION.sections.flatMap((s) => s.items);

export function findPlanItem(id: string): PlanItem | undefined {
  return PLAN_ITEMS.find((item) => item.id === id);
}
