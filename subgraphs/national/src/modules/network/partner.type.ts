import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Policy } from "#core";
import { PartnerKind, PartnerService } from "./partner.enums";

@Directive("@shareable")
@ObjectType({
  description:
    "An NGO, international organisation or agency the country's NCP works with, held in that country's own store",
})
export class Partner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PartnerKind)
  kind!: PartnerKind;

  @Field(() => [PartnerService])
  services!: PartnerService[];

  @Field(() => [String], { description: "ISO 639-1 codes of the languages its staff work in" })
  languages!: string[];

  @Field(() => [String], { description: "Regions or cities served, as the country names them" })
  regions!: string[];

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { nullable: true })
  website?: string;

  @Field(() => String, { description: "Public contact address" })
  email!: string;

  @Field(() => String, { nullable: true, description: "Public phone, E.164" })
  phone?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "Named contact person for NCPs (NCP-only)" })
  contactPerson?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "Direct phone for NCPs, E.164 (NCP-only)" })
  directPhone?: string;

  @Policy("readNcpOnlyContactFields")
  @Field(() => String, { nullable: true, description: "Direct address for NCPs (NCP-only)" })
  directEmail?: string;

  @Field(() => Int, { description: "Send it back with an update or removal; a stale version is a CONFLICT" })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}
