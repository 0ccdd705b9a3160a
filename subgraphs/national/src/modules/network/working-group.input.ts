import { ArrayMaxSize, IsOptional, Length, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "The national working group as the country's officers maintain it (whole record)" })
export class WorkingGroupInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String)
  @Length(1, 2000)
  mandate!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  chair?: string;

  @Field(() => [ID], { description: "Ids of the country's partners that sit in the group" })
  @ArrayMaxSize(200)
  memberIds!: string[];
}

@InputType({ description: "A meeting the national working group held" })
export class WorkingGroupMeetingInput {
  @Field(() => Date)
  heldOn!: Date;

  @Field(() => String)
  @Length(1, 200)
  place!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  agenda?: string;

  @Field(() => [String])
  @ArrayMaxSize(50)
  @Length(1, 1000, { each: true, message: "each decision must be 1 to 1000 characters" })
  decisions!: string[];
}
