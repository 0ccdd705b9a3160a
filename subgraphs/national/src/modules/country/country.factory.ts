import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
} from "type-graphql";
import { CountryEntry } from "../../../../../schema/countries";
import { countryTypeName, mutationNamespace, mutationTypeName } from "../../../../../schema/registry";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { ContactPointInput } from "../contact-point/contact-point.input";
import { ContactPointService } from "../contact-point/contact-point.service";
import { ContactPoint } from "../contact-point/contact-point.type";
import { CountryInterface, CountryRef } from "./country.interface";

const WRITE_CONTACTS: PolicyName = "writeContactPoints";

/**
 * The types that carry a country's name (`Sweden`, `SwedenMutations`, `Mutation.sweden`), created from the
 * registry entry. Created once per country per process: type-graphql keeps classes in global metadata.
 */
export interface CountryTypes {
  countryType: Function;
  mutationsResolver: Function;
  /** Entity reference resolver for `_entities`: this subgraph only answers for its own country. */
  referenceResolvers: Record<string, { __resolveReference(ref: { code: string }): CountryRef | null }>;
}

const created = new Map<string, CountryTypes>();

export function countryTypes(country: CountryEntry): CountryTypes {
  const existing = created.get(country.code);
  if (existing) return existing;

  const typeName = countryTypeName(country);

  @Directive('@key(fields: "code")')
  @ObjectType(typeName, { implements: CountryInterface, description: `${country.name} (${country.code})` })
  class CountryType extends CountryInterface {}

  @ObjectType(mutationTypeName(country), {
    description: `Writes into ${country.name}'s own store; only ${country.name}'s principals may call them`,
  })
  class CountryMutations {}

  @Resolver(() => CountryMutations)
  class CountryMutationsResolver {
    @Mutation(() => CountryMutations, { name: mutationNamespace(country) })
    namespace(): CountryMutations {
      return {};
    }

    @Authorized(WRITE_CONTACTS)
    @FieldResolver(() => ContactPoint)
    addContactPoint(@Arg("input", () => ContactPointInput) input: ContactPointInput, @Ctx() ctx: Context) {
      return new ContactPointService(ctx.store).add(input);
    }

    @Authorized(WRITE_CONTACTS)
    @FieldResolver(() => ContactPoint)
    updateContactPoint(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => ContactPointInput) input: ContactPointInput,
      @Ctx() ctx: Context,
    ) {
      return new ContactPointService(ctx.store).update(id, version, input);
    }

    @Authorized(WRITE_CONTACTS)
    @FieldResolver(() => ID, { description: "Returns the id of the removed contact point" })
    removeContactPoint(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Ctx() ctx: Context,
    ) {
      return new ContactPointService(ctx.store).remove(id, version);
    }
  }

  const types: CountryTypes = {
    countryType: CountryType,
    mutationsResolver: CountryMutationsResolver,
    referenceResolvers: {
      [typeName]: {
        __resolveReference: (ref) =>
          ref.code === country.code ? { __typename: typeName, code: country.code } : null,
      },
    },
  };
  created.set(country.code, types);
  return types;
}
