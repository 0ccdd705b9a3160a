import { Arg, Authorized, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { CaseInput, CaseUpdateInput } from "./case.input";
import { CaseService } from "./case.service";
import { Case } from "./case.type";

const WRITE_CASES: PolicyName = "writeCases";

/** The case writes of a country's mutation namespace. */
export function caseMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class CaseMutations {
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
  }
  return CaseMutations;
}
