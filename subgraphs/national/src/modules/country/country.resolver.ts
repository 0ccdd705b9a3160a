import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Context } from "../../context.type";
import { ContactPoint } from "../contact-point/contact-point.type";
import { CountryInterface, CountryRef } from "./country.interface";

/** Fields of the `Country` interface, resolved from this country's own store. */
@Resolver(() => CountryInterface)
export class CountryResolver {
  @FieldResolver(() => [ContactPoint], { nullable: true })
  contactPoints(@Root() country: CountryRef, @Ctx() ctx: Context): Promise<ContactPoint[]> {
    return ctx.loaders.contactPointsByCountry.load(country.code);
  }
}
