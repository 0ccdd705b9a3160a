import { Transitions } from "../state-machine";
import { CaseStage } from "./case.enums";

const { IDENTIFIED, ASSESSMENT, IN_CARE, RETURN_PREPARATION, RETURNED, LOCAL_SOLUTION, MISSING, CLOSED } =
  CaseStage;

/**
 * Allowed stage changes of a case. A return is prepared only after assessment or from care; a child who
 * goes missing may be found again; a closed case stays closed (a new identification is a new case).
 */
export const CASE_STAGES: Transitions<CaseStage> = {
  [IDENTIFIED]: [ASSESSMENT, IN_CARE, MISSING, CLOSED],
  [ASSESSMENT]: [IN_CARE, RETURN_PREPARATION, LOCAL_SOLUTION, MISSING, CLOSED],
  [IN_CARE]: [ASSESSMENT, RETURN_PREPARATION, LOCAL_SOLUTION, MISSING, CLOSED],
  [RETURN_PREPARATION]: [RETURNED, IN_CARE, LOCAL_SOLUTION, MISSING],
  [RETURNED]: [CLOSED],
  [LOCAL_SOLUTION]: [CLOSED],
  [MISSING]: [ASSESSMENT, IN_CARE, CLOSED],
  [CLOSED]: [],
};
