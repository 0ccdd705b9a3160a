import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsOptional,
  Length,
  MaxLength,
} from "class-validator";
import { Field, InputType } from "type-graphql";
import { IsLanguageCode, IsPhoneNumber } from "../validators";
import { Competence } from "./competence.enum";

@InputType({ description: "A contact point as the country's officers maintain it (whole record)" })
export class ContactPointInput {
  @Field(() => String)
  @Length(1, 200)
  organisation!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  unit?: string;

  @Field(() => String)
  @MaxLength(254)
  @IsEmail({}, { message: "must be an email address such as ncp@agency.example" })
  email!: string;

  @Field(() => String)
  @IsPhoneNumber()
  phone!: string;

  @Field(() => [String])
  @ArrayMinSize(1, { message: "must list at least one language" })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: "must not repeat a language" })
  @IsLanguageCode()
  languages!: string[];

  @Field(() => String)
  @Length(1, 500)
  address!: string;

  @Field(() => String)
  @Length(1, 200)
  workingHours!: string;

  @Field(() => [Competence])
  @ArrayMinSize(1, { message: "must list at least one competence" })
  @ArrayUnique({ message: "must not repeat a competence" })
  competences!: Competence[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  person?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  directPhone?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  hotline24h?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  secureChannel?: string;
}
