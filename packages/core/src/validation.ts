import { validate, ValidationError } from "class-validator";
import { BadUserInputError } from "./errors";

function firstViolation(
  errors: ValidationError[],
  path: string[] = [],
): { field: string; message: string } | undefined {
  for (const error of errors) {
    const fieldPath = [...path, error.property];
    const message = error.constraints && Object.values(error.constraints)[0];
    if (message) return { field: fieldPath.join("."), message };
    const nested = firstViolation(error.children ?? [], fieldPath);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * type-graphql's validation hook: runs the class-validator rules of an input class and answers the first
 * violation as BAD_USER_INPUT naming the field, before any resolver (and so any write) runs.
 */
export async function validateInput(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== "object") return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== "object") continue;
    const errors = await validate(value as object, { forbidUnknownValues: false });
    const violation = firstViolation(errors);
    if (violation) throw new BadUserInputError(violation.message, violation.field);
  }
}
