import { Field, ID, InterfaceType } from "type-graphql";
import { ContactPoint } from "../contact-point/contact-point.type";

/**
 * The shared `Country` interface. Each national subgraph implements it with its own concrete type
 * (`Sweden`, `Lithuania`...), so the query planner routes every country's fields to that country's subgraph.
 * Per-country fields are nullable: one country offline is partial data, not a failed query.
 */
@InterfaceType("Country", { resolveType: (value: { __typename?: string }) => value.__typename })
export abstract class CountryInterface {
  @Field(() => ID, { description: "ISO 3166-1 alpha-2 code" })
  code!: string;

  @Field(() => [ContactPoint], {
    nullable: true,
    description: "The country's NCP offices, from its own store",
  })
  contactPoints?: ContactPoint[];
}

/** What every resolver of a country's own type receives as its root. */
export interface CountryRef {
  __typename: string;
  code: string;
}
