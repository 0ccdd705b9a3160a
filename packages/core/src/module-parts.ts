/**
 * A subgraph's frame declares empty interfaces (its store's models, its loaders) that its modules fill by
 * declaration merging, each in a `<module>.parts.ts`, and its assembly lists the modules' parts. These
 * types let the assembly check, when it compiles, that the modules it lists make everything they declared.
 */
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** What the `factory` functions of a list of module parts make, together. */
export type PartsMake<Parts extends readonly object[], Factory extends PropertyKey> = UnionToIntersection<
  ReturnType<
    Extract<
      Extract<Parts[number], { readonly [K in Factory]: unknown }>[Factory],
      (...args: never[]) => unknown
    >
  >
>;

/** Compiles only when `Made` has every property `Declared` names; does nothing at run time. */
export function checkPartsMake<Declared, Made extends Declared>(_made?: Made): void {}
