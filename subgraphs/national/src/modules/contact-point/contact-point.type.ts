import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Policy } from "#core";
import { Competence } from "./competence.enum";

@Directive("@shareable")
@ObjectType({ description: "A National Contact Point office or desk, held in its country's own store" })
export class ContactPoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  organisation!: string;

  @Field(() => String, { nullable: true })
  unit?: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: "E.164, e.g. +46812345678" })
  phone!: string;

  @Field(() => [String], { description: "ISO 639-1 codes of the languages the office works in" })
  languages!: string[];

  @Field(() => String)
  address!: string;

  @Field(() => String)
  workingHours!: string;

  @Field(() => [Competence])
  competences!: Competence[];

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Int, { description: "Send it back with an update or removal; a stale version is a CONFLICT" })
  version!: number;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "Named person (NCP-only)" })
  person?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "Direct phone, E.164 (NCP-only)" })
  directPhone?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "24-hour line, E.164 (NCP-only)" })
  hotline24h?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, {
    nullable: true,
    description: "Secure channel address, e.g. an X-Road or sTESTA mailbox (NCP-only)",
  })
  secureChannel?: string;
}
