/** A stored null or a missing value, as GraphQL's absent optional field. */
export const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
