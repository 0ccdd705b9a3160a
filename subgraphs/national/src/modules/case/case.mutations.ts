import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "../../policy";
import { CaseInput, CaseUpdateInput } from "./case.input";
import { CaseService } from "./case.service";
import { Case } from "./case.type";

/** The case writes of a country's mutation namespace. */
export function caseMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class CaseMutations {
    @Policy("writeCases", () => [])
    @FieldResolver(() => Case, { description: "Records a newly identified child (stage IDENTIFIED)" })
    createCase(@Arg("input", () => CaseInput) input: CaseInput, @Ctx() ctx: Context) {
      return new CaseService(ctx.store).create(input);
    }
    @Policy("writeCases", ({ id }) => [id])
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
