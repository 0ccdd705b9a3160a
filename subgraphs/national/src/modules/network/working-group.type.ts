import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType({ description: "A meeting of a national working group and what it decided" })
export class WorkingGroupMeeting {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  heldOn!: Date;

  @Field(() => String)
  place!: string;

  @Field(() => String, { nullable: true })
  agenda?: string;

  @Field(() => [String])
  decisions!: string[];
}

@Directive("@shareable")
@ObjectType({
  description:
    "The country's national working group on unaccompanied and trafficked children: its member organisations and its meetings",
})
export class WorkingGroup {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  mandate!: string;

  @Field(() => String, { nullable: true, description: "The chairing body" })
  chair?: string;

  /** Resolved to partners by `WorkingGroup.members`. */
  memberIds!: string[];

  @Field(() => [WorkingGroupMeeting], { description: "Newest first" })
  meetings!: WorkingGroupMeeting[];

  @Field(() => Int, { description: "Send it back with `setWorkingGroup`; a stale version is a CONFLICT" })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}
