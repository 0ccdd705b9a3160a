import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsUrl,
  Length,
  Max,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { COUNTRIES } from "#schema/countries";
import { IsPlanItem } from "#core";
import { EventKind, Profession } from "./event.enums";

@InputType()
export class ParticipationInput {
  @Field(() => ID, { description: "ISO code of a country of the registry, invited neighbours included" })
  @IsIn(COUNTRIES.map((c) => c.code), {
    message: `must be a country code of the registry: ${COUNTRIES.map((c) => c.code).join(", ")}`,
  })
  country!: string;

  @Field(() => Profession)
  profession!: Profession;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: "must be at least 1; leave out those who did not come" })
  @Max(10_000)
  count!: number;
}

@InputType()
export class MaterialInput {
  @Field(() => String)
  @Length(1, 200)
  title!: string;

  @Field(() => String)
  @Length(1, 500)
  @IsUrl(
    { protocols: ["https", "http"], require_protocol: true },
    { message: "must be a web address such as https://cbss.example/programme.pdf" },
  )
  url!: string;
}

@InputType({ description: "A regional event as the RFP coordinator maintains it (whole record)" })
export class RegionalEventInput {
  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => String)
  @Length(1, 200)
  title!: string;

  @Field(() => String)
  @Length(1, 1000)
  topic!: string;

  @Field(() => Date, { description: "The first day, at midnight UTC" })
  startsOn!: Date;

  @Field(() => Date, {
    description: "The last day, at midnight UTC; the same as startsOn for a one-day event",
  })
  endsOn!: Date;

  @Field(() => String)
  @Length(1, 200)
  place!: string;

  @Field(() => String)
  @Length(1, 200)
  organiser!: string;

  @Field(() => [ID], { description: "Items of the Plan of Action it serves, e.g. IV.1" })
  @ArrayMinSize(1, { message: "must name at least one item of the Plan of Action it serves" })
  @ArrayUnique({ message: "must not repeat an item" })
  @IsPlanItem({ each: true })
  planItemIds!: string[];

  @Field(() => [Profession])
  @ArrayMinSize(1, { message: "must name at least one audience" })
  @ArrayUnique({ message: "must not repeat an audience" })
  audiences!: Profession[];

  @Field(() => [ParticipationInput], { defaultValue: [] })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  participation!: ParticipationInput[];

  @Field(() => [MaterialInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  materials!: MaterialInput[];
}
