import { registerEnumType } from "type-graphql";

/** The four groups of children the Plan of Action serves. */
export enum TargetGroup {
  UNACCOMPANIED_ASYLUM_SEEKING = "UNACCOMPANIED_ASYLUM_SEEKING",
  TRAFFICKED = "TRAFFICKED",
  EXPLOITED_OR_AT_RISK = "EXPLOITED_OR_AT_RISK",
  UNDOCUMENTED = "UNDOCUMENTED",
}

export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
  OTHER = "OTHER",
  UNKNOWN = "UNKNOWN",
}

export enum AgeBand {
  UNDER_6 = "UNDER_6",
  AGE_6_11 = "AGE_6_11",
  AGE_12_14 = "AGE_12_14",
  AGE_15_17 = "AGE_15_17",
  /** Age disputed or unknown: treated as a child until assessed. */
  PRESUMED_CHILD = "PRESUMED_CHILD",
}

export enum CaseStage {
  IDENTIFIED = "IDENTIFIED",
  ASSESSMENT = "ASSESSMENT",
  IN_CARE = "IN_CARE",
  RETURN_PREPARATION = "RETURN_PREPARATION",
  RETURNED = "RETURNED",
  LOCAL_SOLUTION = "LOCAL_SOLUTION",
  MISSING = "MISSING",
  CLOSED = "CLOSED",
}

/** The forms of exploitation the Plan of Action names. */
export enum ExploitationForm {
  SEXUAL = "SEXUAL",
  FORCED_LABOUR = "FORCED_LABOUR",
  FORCED_CRIMINALITY = "FORCED_CRIMINALITY",
  BEGGING = "BEGGING",
  OTHER = "OTHER",
}

/** How a child's age was assessed. */
export enum AgeAssessmentMethod {
  DOCUMENTS = "DOCUMENTS",
  INTERVIEW = "INTERVIEW",
  MEDICAL = "MEDICAL",
  MULTIDISCIPLINARY = "MULTIDISCIPLINARY",
  OTHER = "OTHER",
}

/** What the child said about returning, in one word; the child's own words go in the statement. */
export enum ViewOnReturn {
  WISHES_TO_RETURN = "WISHES_TO_RETURN",
  DOES_NOT_WISH_TO_RETURN = "DOES_NOT_WISH_TO_RETURN",
  UNDECIDED = "UNDECIDED",
  DID_NOT_EXPRESS_A_VIEW = "DID_NOT_EXPRESS_A_VIEW",
}

registerEnumType(TargetGroup, {
  name: "TargetGroup",
  description: "The groups of children the CBSS Plan of Action serves",
});
registerEnumType(Sex, { name: "Sex" });
registerEnumType(AgeBand, { name: "AgeBand" });
registerEnumType(CaseStage, { name: "CaseStage" });
registerEnumType(ExploitationForm, {
  name: "ExploitationForm",
  description: "The forms of exploitation the CBSS Plan of Action names",
});
registerEnumType(AgeAssessmentMethod, { name: "AgeAssessmentMethod" });
registerEnumType(ViewOnReturn, { name: "ViewOnReturn" });
