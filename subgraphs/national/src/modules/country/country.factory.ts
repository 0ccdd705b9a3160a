import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  ObjectType,
  Resolver,
} from "type-graphql";
import { CountryEntry } from "../../../../../schema/countries";
import {
  countryTypeName,
  ENABLED_COUNTRIES,
  mutationNamespace,
  mutationTypeName,
} from "../../../../../schema/registry";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { CaseInput, CaseUpdateInput } from "../case/case.input";
import { CaseService } from "../case/case.service";
import { Case } from "../case/case.type";
import { ContactPointInput } from "../contact-point/contact-point.input";
import { ContactPointService } from "../contact-point/contact-point.service";
import { ContactPoint } from "../contact-point/contact-point.type";
import { ReferralStatus } from "../referral/referral.enums";
import { SendReferralInput } from "../referral/referral.input";
import { ReferralService } from "../referral/referral.service";
import { Referral } from "../referral/referral.type";
import { ReferralResponseInput } from "../response/response.input";
import { ResponseService } from "../response/response.service";
import { ReferralResponse } from "../response/response.type";
import { ReturnEventInput } from "../return-event/return-event.input";
import { ReturnEventService } from "../return-event/return-event.service";
import { ReturnEvent } from "../return-event/return-event.type";
import { CountryInterface, CountryRef } from "../country-ref";

const WRITE_CONTACTS: PolicyName = "writeContactPoints";
const WRITE_CASES: PolicyName = "writeCases";
const WRITE_REFERRALS: PolicyName = "writeReferrals";

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
  mutationsResolver: Function;
  /** Entity reference resolver for `_entities`: this subgraph only answers for its own country. */
  referenceResolvers: Record<string, { __resolveReference(ref: { code: string }): CountryRef | null }>;
}

const created = new Map<string, CountryTypes>();
const stubTypes = new Map<string, Function>();

/** A reference-only type for another country, shared by every national schema built in this process. */
function stubType(country: CountryEntry): Function {
  const existing = stubTypes.get(country.code);
  if (existing) return existing;
  @Directive('@key(fields: "code", resolvable: false)')
  @ObjectType(countryTypeName(country), {
    implements: CountryInterface,
    description: `${country.name} (${country.code})`,
  })
  class StubType extends CountryInterface {}
  stubTypes.set(country.code, StubType);
  return StubType;
}

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
    @Query(() => CountryType, {
      name: mutationNamespace(country),
      description: `${country.name} itself: the root for national systems calling this subgraph directly`,
    })
    self(): CountryRef {
      return { __typename: typeName, code: country.code };
    }

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

    @Authorized(WRITE_CASES)
    @FieldResolver(() => Case, { description: "Records a newly identified child (stage IDENTIFIED)" })
    createCase(@Arg("input", () => CaseInput) input: CaseInput, @Ctx() ctx: Context) {
      return new CaseService(ctx.store).create(input);
    }

    @Authorized(WRITE_CASES)
    @FieldResolver(() => Case, {
      description: "Replaces a case's facts and moves its stage along the allowed transitions",
    })
    updateCase(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => CaseUpdateInput) input: CaseUpdateInput,
      @Ctx() ctx: Context,
    ) {
      return new CaseService(ctx.store).update(id, version, input);
    }

    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => Referral, {
      description: "Refers one of this country's cases to another country's NCP",
    })
    sendReferral(@Arg("input", () => SendReferralInput) input: SendReferralInput, @Ctx() ctx: Context) {
      return new ReferralService(ctx).send(input, ctx.principal());
    }

    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => Referral, { description: "Withdraws or closes a referral this country sent" })
    changeReferralStatus(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("status", () => ReferralStatus) status: ReferralStatus,
      @Ctx() ctx: Context,
      @Arg("note", () => String, { nullable: true }) note?: string,
    ) {
      return new ReferralService(ctx).changeStatus(
        id,
        version,
        status,
        note?.slice(0, 2000),
        ctx.principal(),
      );
    }

    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => ReferralResponse, {
      description: "Answers a referral addressed to this country; version 0 for the first response",
    })
    respondToReferral(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => ReferralResponseInput) input: ReferralResponseInput,
      @Ctx() ctx: Context,
    ) {
      return new ResponseService(ctx).respond(referralId, version, input);
    }

    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => ReturnEvent, {
      description:
        "Appends a return or reintegration step that this country carried out, to a referral it is party to",
    })
    recordReturnEvent(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("input", () => ReturnEventInput) input: ReturnEventInput,
      @Ctx() ctx: Context,
    ) {
      return new ReturnEventService(ctx).record(referralId, input);
    }
  }

  const others = ENABLED_COUNTRIES.filter((c) => c.code !== country.code);
  const types: CountryTypes = {
    countryType: CountryType,
    stubTypes: others.map(stubType),
    stubs: new Map(others.map((c) => [countryTypeName(c), "code"])),
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
