import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../pagination";

export enum AuditOutcomeValue {
  ALLOWED = "ALLOWED",
  REFUSED = "REFUSED",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(AuditOutcomeValue, { name: "AuditOutcome" });

@Directive("@shareable")
@ObjectType({ description: "One access to this country's records, as its own audit log recorded it" })
export class AuditEntry {
  @Field(() => Int)
  seq!: number;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  issuer?: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { nullable: true })
  country?: string;

  @Field(() => String, { nullable: true })
  role?: string;

  @Field(() => String)
  operation!: string;

  @Field(() => String, { description: "The access policy that was checked" })
  policy!: string;

  @Field(() => [ID])
  recordIds!: string[];

  @Field(() => String, { nullable: true })
  purpose?: string;

  @Field(() => AuditOutcomeValue)
  outcome!: AuditOutcomeValue;

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => Int, {
    description:
      "How many accesses the entry records: 1, or the refusals of callers without a valid token counted into it",
  })
  count!: number;

  @Field(() => String)
  prevHash!: string;

  @Field(() => String)
  hash!: string;
}

@Directive("@shareable")
@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntry])
  nodes!: AuditEntry[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Directive("@shareable")
@ObjectType({ description: "The latest entry of a country's audit log: all the Children's Unit witnesses" })
export class AuditHead {
  @Field(() => Int)
  seq!: number;

  @Field(() => String)
  hash!: string;
}
