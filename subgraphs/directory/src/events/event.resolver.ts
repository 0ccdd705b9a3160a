import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Policy } from "../../../shared/src/auth/policy";
import { DirectoryContext } from "../context.type";
import { EventKind } from "./event.enums";
import { RegionalEventInput } from "./event.input";
import { RegionalEvents } from "./event.service";
import { RegionalEvent } from "./event.type";

@Resolver(() => RegionalEvent)
export class RegionalEventResolver {
  @Query(() => [RegionalEvent], {
    description:
      "The Children's Unit's regional events by date (NCPs, national systems and RFP staff); `/calendar.ics` serves them as iCalendar",
  })
  @Policy("readRegionalActivities", () => [])
  regionalEvents(
    @Ctx() ctx: DirectoryContext,
    @Arg("year", () => Int, { nullable: true }) year?: number,
    @Arg("planItemId", () => ID, { nullable: true }) planItemId?: string,
    @Arg("kind", () => EventKind, { nullable: true }) kind?: EventKind,
  ): Promise<RegionalEvent[]> {
    return new RegionalEvents(ctx.store).list({ year, planItemId, kind });
  }

  @Query(() => RegionalEvent, { nullable: true })
  @Policy("readRegionalActivities", ({ id }) => [id])
  regionalEvent(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: DirectoryContext,
  ): Promise<RegionalEvent | null> {
    return new RegionalEvents(ctx.store).get(id);
  }

  @Mutation(() => RegionalEvent, { description: "RFP coordinators only" })
  @Policy("coordinateActivities", () => [])
  createRegionalEvent(
    @Arg("input", () => RegionalEventInput) input: RegionalEventInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<RegionalEvent> {
    return new RegionalEvents(ctx.store).create(input);
  }

  @Mutation(() => RegionalEvent, {
    description: "RFP coordinators only; the whole record, under its version",
  })
  @Policy("coordinateActivities", ({ id }) => [id])
  updateRegionalEvent(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => RegionalEventInput) input: RegionalEventInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<RegionalEvent> {
    return new RegionalEvents(ctx.store).update(id, version, input);
  }
}
