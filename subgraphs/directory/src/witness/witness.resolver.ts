import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { enabledCodes, findEnabledCountry } from "#schema/registry";
import { BadUserInputError } from "#core";
import { DirectoryContext } from "../context.type";

@ObjectType({
  description: "A country's audit-log head as the Children's Unit saw it: a hash, never an entry",
})
export class WitnessedHead {
  @Field(() => Int)
  seq!: number;

  @Field(() => String)
  hash!: string;

  @Field(() => Date)
  at!: Date;
}

@Resolver()
export class WitnessResolver {
  @Query(() => [WitnessedHead], {
    description:
      "The audit heads witnessed for a country, newest first; `npm run audit:verify` compares them",
  })
  auditWitness(@Arg("code", () => ID) code: string, @Ctx() ctx: DirectoryContext): Promise<WitnessedHead[]> {
    if (!findEnabledCountry(code.slice(0, 3))) {
      throw new BadUserInputError(
        `'${code.slice(0, 10)}' is not a participating country; use one of ${enabledCodes().join(", ")}`,
        "code",
      );
    }
    return ctx.witness.heads(code);
  }
}
