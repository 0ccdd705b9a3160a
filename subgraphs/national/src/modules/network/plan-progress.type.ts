import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { Length } from "class-validator";
import { IsPlanItem } from "#core";

@Directive("@shareable")
@ObjectType({ description: "A country's note on its national progress on an item of the Plan of Action" })
export class ProgressNote {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The Plan item, e.g. II.6" })
  itemId!: string;

  @Field(() => Date)
  reportedOn!: Date;

  @Field(() => String)
  text!: string;
}

@InputType()
export class ProgressNoteInput {
  @Field(() => ID, { description: "The Plan item, e.g. II.6 (`planOfAction` lists them)" })
  @IsPlanItem()
  itemId!: string;

  @Field(() => Date, { description: "The day the progress was made; not in the future" })
  reportedOn!: Date;

  @Field(() => String, { description: "What was done; no personal data about a child" })
  @Length(1, 2000)
  text!: string;
}
