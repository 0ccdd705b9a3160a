import { Length } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ActivityNoteKind, ActivityStatus } from "./activity.enums";

@ObjectType({ description: "A dated note of the RFP on an item of the Plan" })
export class ActivityNote {
  @Field(() => ID)
  id!: string;

  @Field(() => ActivityNoteKind)
  kind!: ActivityNoteKind;

  @Field(() => Date)
  writtenOn!: Date;

  @Field(() => String)
  text!: string;
}

@ObjectType({
  description:
    "An item of the Plan of Action and where it stands. Countries' own progress notes are on each country: `countries { planProgress }`",
})
export class Activity {
  @Field(() => ID, { description: "e.g. IV.1" })
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, {
    description: "Who carries it: RFP, COUNTRIES (every country for itself) or one country's code",
  })
  owner!: string;

  @Field(() => ActivityStatus)
  status!: ActivityStatus;

  /** Every note; `notes(year)` filters. */
  allNotes!: ActivityNote[];

  @Field(() => Int, { description: "0 until its status is first set; send it back with setActivityStatus" })
  version!: number;
}

@ObjectType()
export class PlanSection {
  @Field(() => String, { description: "I to VII" })
  number!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [Activity])
  items!: Activity[];
}

@ObjectType({ description: "The Plan of Action, item by item, with the tracker's status" })
export class PlanOfActionView {
  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "Where the wording of the items comes from" })
  source!: string;

  @Field(() => [PlanSection])
  sections!: PlanSection[];
}

@InputType()
export class ActivityNoteInput {
  @Field(() => ActivityNoteKind)
  kind!: ActivityNoteKind;

  @Field(() => Date, { description: "Not in the future" })
  writtenOn!: Date;

  @Field(() => String)
  @Length(1, 4000)
  text!: string;
}
