import { ClassType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { CountryEntry } from "#schema/countries";
import { countryTypeName, ENABLED_COUNTRIES, mutationNamespace, mutationTypeName } from "#schema/registry";
import { countryObjectType, countryRefOf } from "#core";
import { caseMutations } from "../case/case.mutations";
import { contactPointMutations } from "../contact-point/contact-point.mutations";
import { CountryInterface, CountryRef } from "../country-ref";
import { heldWith } from "../referral/referral-parties";
import { referralMutations } from "../referral/referral.mutations";
import { responseMutations } from "../response/response.mutations";
import { assertAccepted } from "../response/response.service";
import { returnGate } from "../return-gate/return-gate.service";
import { counterpartMessageIds } from "../counterpart/counterpart-messages";
import { messageMutations } from "../message/message.mutations";
import { erasureMutations } from "../erasure/erasure.mutations";
import { networkMutations } from "../network/network.mutations";
import { notificationMutations } from "../notification/notification.mutations";
import { returnEventMutations } from "../return-event/return-event.mutations";

/**
 * Each module's writes, in the order they appear in a country's mutation namespace. The modules that move
 * a child get the return gate from here, so the conditions live in one place above them.
 */
const MODULE_MUTATIONS = [
  contactPointMutations,
  (namespace: ClassType) => caseMutations(namespace, { returnGate, assertAccepted }),
  referralMutations,
  (namespace: ClassType) => responseMutations(namespace, returnGate),
  (namespace: ClassType) => returnEventMutations(namespace, returnGate),
  (namespace: ClassType) => messageMutations(namespace, counterpartMessageIds),
  erasureMutations,
  networkMutations,
  (namespace: ClassType) => notificationMutations(namespace, heldWith),
];

/**
 * The types that carry a country's name (`Sweden`, `SwedenMutations`, `Mutation.sweden`), created from the
 * registry entry, plus reference stubs of the other countries' types so that `Referral.to` can point at
 * them. Created once per country per process: type-graphql keeps classes in global metadata.
 */
export interface CountryTypes {
  countryType: Function;
  stubTypes: Function[];
  /** Stub type name -> key field, for `buildFederatedSchema`. */
  stubs: Map<string, string>;
  /** The namespace's root fields and every module's mutations in it. */
  mutationResolvers: Function[];
  /** Entity reference resolver for `_entities`: this subgraph only answers for its own country. */
  referenceResolvers: Record<string, { __resolveReference(ref: { code: string }): CountryRef | null }>;
}

const created = new Map<string, CountryTypes>();
const stubTypes = new Map<string, Function>();

/** A reference-only type for another country, shared by every national schema built in this process. */
function stubType(country: CountryEntry): Function {
  const existing = stubTypes.get(country.code);
  if (existing) return existing;
  const stub = countryObjectType(country, CountryInterface, { stub: true });
  stubTypes.set(country.code, stub);
  return stub;
}

export function countryTypes(country: CountryEntry): CountryTypes {
  const existing = created.get(country.code);
  if (existing) return existing;

  const typeName = countryTypeName(country);

  const CountryType = countryObjectType(country, CountryInterface);

  @ObjectType(mutationTypeName(country), {
    description: `Writes into ${country.name}'s own store; only ${country.name}'s principals may call them`,
  })
  class CountryMutations {}

  /** The namespace itself; the modules contribute its fields. */
  @Resolver(() => CountryMutations)
  class CountryMutationsResolver {
    @Query(() => CountryType, {
      name: mutationNamespace(country),
      description: `${country.name} itself: the root for national systems calling this subgraph directly`,
    })
    self(): CountryRef {
      return countryRefOf(country);
    }

    @Mutation(() => CountryMutations, { name: mutationNamespace(country) })
    namespace(): CountryMutations {
      return {};
    }
  }

  const others = ENABLED_COUNTRIES.filter((c) => c.code !== country.code);
  const types: CountryTypes = {
    countryType: CountryType,
    stubTypes: others.map(stubType),
    stubs: new Map(others.map((c) => [countryTypeName(c), "code"])),
    mutationResolvers: [
      CountryMutationsResolver,
      ...MODULE_MUTATIONS.map((module) => module(CountryMutations)),
    ],
    referenceResolvers: {
      [typeName]: {
        __resolveReference: (ref) => (ref.code === country.code ? countryRefOf(country) : null),
      },
    },
  };
  created.set(country.code, types);
  return types;
}
