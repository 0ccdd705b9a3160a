import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsOptional,
  IsUrl,
  Length,
  MaxLength,
} from "class-validator";
import { Field, InputType } from "type-graphql";
import { IsLanguageCode, IsPhoneNumber } from "../validators";
import { PartnerKind, PartnerService } from "./partner.enums";

const EMAIL_MESSAGE = "must be an email address such as contact@ngo.example";

@InputType({ description: "A partner as the country's officers maintain it (whole record)" })
export class PartnerInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => PartnerKind)
  kind!: PartnerKind;

  @Field(() => [PartnerService])
  @ArrayMinSize(1, { message: "must list at least one service" })
  @ArrayUnique({ message: "must not repeat a service" })
  services!: PartnerService[];

  @Field(() => [String])
  @ArrayMinSize(1, { message: "must list at least one language" })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: "must not repeat a language" })
  @IsLanguageCode()
  languages!: string[];

  @Field(() => [String], { description: "Regions or cities served; at least one" })
  @ArrayMinSize(1, { message: "must name at least one region or city served" })
  @ArrayMaxSize(30)
  @Length(1, 100, { each: true })
  regions!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  @IsUrl(
    { protocols: ["https", "http"], require_protocol: true },
    { message: "must be a web address such as https://ngo.example" },
  )
  website?: string;

  @Field(() => String)
  @MaxLength(254)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string;

  @Field(() => String, { nullable: true, description: "NCP-only" })
  @IsOptional()
  @MaxLength(200)
  contactPerson?: string;

  @Field(() => String, { nullable: true, description: "NCP-only, E.164" })
  @IsOptional()
  @IsPhoneNumber()
  directPhone?: string;

  @Field(() => String, { nullable: true, description: "NCP-only" })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  directEmail?: string;
}
