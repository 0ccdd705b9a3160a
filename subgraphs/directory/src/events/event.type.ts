import { Field, ID, Int, ObjectType } from "type-graphql";
import { EventKind, Profession } from "./event.enums";

@ObjectType({ description: "How many people of one profession came from one country" })
export class Participation {
  @Field(() => ID, { description: "ISO code of a country of the registry" })
  country!: string;

  @Field(() => Profession)
  profession!: Profession;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "A document or page of an event: programme, slides, report" })
export class Material {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  url!: string;
}

@ObjectType({
  description:
    "A training seminar, NCP or NGO meeting or conference held by the Children's Unit (Regional Focal Point)",
})
export class RegionalEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  topic!: string;

  @Field(() => Date)
  startsOn!: Date;

  @Field(() => Date)
  endsOn!: Date;

  @Field(() => String)
  place!: string;

  @Field(() => String)
  organiser!: string;

  @Field(() => [ID], { description: "The items of the Plan of Action it served, e.g. IV.1" })
  planItemIds!: string[];

  @Field(() => [Profession], { description: "Target audience" })
  audiences!: Profession[];

  @Field(() => [Participation])
  participation!: Participation[];

  @Field(() => [ID], { description: "Countries that sent participants" })
  participatingCountries!: string[];

  @Field(() => Int)
  participantCount!: number;

  @Field(() => [Material])
  materials!: Material[];

  @Field(() => Int, { description: "Send it back with an update; a stale version is a CONFLICT" })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}
