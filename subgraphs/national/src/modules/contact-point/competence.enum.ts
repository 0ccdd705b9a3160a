import { registerEnumType } from "type-graphql";

/** The areas an NCP office covers, from the Plan of Action. */
export enum Competence {
  IDENTIFICATION = "IDENTIFICATION",
  CARE = "CARE",
  RETURN = "RETURN",
  REHABILITATION = "REHABILITATION",
}

registerEnumType(Competence, {
  name: "Competence",
  description: "Identification, care, safe return or rehabilitation (medical, social, psychological support)",
});
