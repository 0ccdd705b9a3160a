import { InterfaceTypeOptions } from "type-graphql";

/**
 * Options of the `Country` interface in every subgraph. Values carry their concrete type's name (each
 * country has its own type, e.g. `Sweden`), and which countries' types a schema holds is decided by its
 * builder (the directory: every enabled country; a national subgraph: its own plus reference stubs), not
 * by whichever classes happen to be loaded in the process.
 */
export const COUNTRY_INTERFACE_OPTIONS: InterfaceTypeOptions = {
  resolveType: (value: { __typename?: string }) => value.__typename,
  autoRegisterImplementations: false,
};
