import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ReturnCondition } from "./return-conditions";

@Directive("@shareable")
@ObjectType()
export class ReturnConditionState {
  @Field(() => ReturnCondition)
  condition!: ReturnCondition;

  @Field(() => String, { description: "What must hold, in words" })
  description!: string;

  @Field(() => Boolean)
  met!: boolean;
}

@Directive("@shareable")
@ObjectType({
  description:
    "Whether a child may be moved across the border now (or on a given day): every condition of the return gate, met or not",
})
export class ReturnReadiness {
  @Field(() => ID, {
    nullable: true,
    description: "The referral the return would go through; null when none",
  })
  referralId?: string;

  @Field(() => Date, { description: "The day the conditions were judged for" })
  on!: Date;

  @Field(() => Boolean, {
    description: "True when every condition listed is met (with heldBy, only that party's are listed)",
  })
  ready!: boolean;

  @Field(() => [ReturnCondition], {
    description: "The conditions not met; a move is refused while any remain",
  })
  unmet!: ReturnCondition[];

  @Field(() => [ReturnConditionState])
  conditions!: ReturnConditionState[];
}
