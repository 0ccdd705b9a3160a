import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { CaseInput, CaseUpdateInput } from "./case.input";
import { CaseWriteChecks, createCase, updateCase } from "./case.service";
import { Case } from "./case.type";

/** The case writes of a country's mutation namespace. */
export function caseMutations(namespace: ClassType, checks: CaseWriteChecks): Function {
  @Resolver(() => namespace)
  class CaseMutations {
    @Policy("writeCases", ({ linkedReferralId }) => [linkedReferralId])
    @FieldResolver(() => Case, { description: "Records a newly identified child (stage IDENTIFIED)" })
    createCase(
      @Arg("input", () => CaseInput) input: CaseInput,
      @Ctx() ctx: Context,
      @Arg("linkedReferralId", () => ID, {
        nullable: true,
        description:
          "For the receiving country: the referral this case continues, one it accepted; at most one case per referral",
      })
      linkedReferralId?: string,
    ) {
      return createCase(ctx, checks, input, linkedReferralId);
    }
    @Policy("writeCases", ({ id }) => [id])
    @FieldResolver(() => Case, {
      description:
        "Replaces a case's facts and moves its stage along the allowed transitions; RETURNED only through the return gate",
    })
    updateCase(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => CaseUpdateInput) input: CaseUpdateInput,
      @Ctx() ctx: Context,
    ) {
      return updateCase(ctx, checks, id, version, input);
    }
  }
  return CaseMutations;
}
