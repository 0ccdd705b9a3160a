import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { ContactPointInput } from "./contact-point.input";
import { addContactPoint, removeContactPoint, updateContactPoint } from "./contact-point.service";
import { ContactPoint } from "./contact-point.type";

/** The contact-point writes of a country's mutation namespace (`mutation { sweden { addContactPoint } }`). */
export function contactPointMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ContactPointMutations {
    @Policy("writeContactPoints", () => [])
    @FieldResolver(() => ContactPoint)
    addContactPoint(@Arg("input", () => ContactPointInput) input: ContactPointInput, @Ctx() ctx: Context) {
      return addContactPoint(ctx.store, input);
    }
    @Policy("writeContactPoints", ({ id }) => [id])
    @FieldResolver(() => ContactPoint)
    updateContactPoint(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => ContactPointInput) input: ContactPointInput,
      @Ctx() ctx: Context,
    ) {
      return updateContactPoint(ctx.store, id, version, input);
    }
    @Policy("writeContactPoints", ({ id }) => [id])
    @FieldResolver(() => ID, { description: "Returns the id of the removed contact point" })
    removeContactPoint(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Ctx() ctx: Context,
    ) {
      return removeContactPoint(ctx.store, id, version);
    }
  }
  return ContactPointMutations;
}
