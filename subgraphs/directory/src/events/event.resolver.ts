import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Policy } from "#core";
import { DirectoryContext } from "../context.type";
import { EventKind } from "./event.enums";
import { RegionalEventInput } from "./event.input";
import {
  createRegionalEvent,
  getRegionalEvent,
  listRegionalEvents,
  MAX_EVENTS,
  updateRegionalEvent,
} from "./event.service";
import { RegionalEvent } from "./event.type";

@Resolver(() => RegionalEvent)
export class RegionalEventResolver {
  @Query(() => [RegionalEvent], {
    description:
      `The Children's Unit's regional events by date, at most ${MAX_EVENTS} (NCPs, national systems and RFP staff); ` +
      "`/calendar.ics` serves them as iCalendar",
  })
  @Policy("readRegionalActivities", () => [])
  regionalEvents(
    @Ctx() ctx: DirectoryContext,
    @Arg("year", () => Int, { nullable: true }) year?: number,
    @Arg("since", () => Date, { nullable: true, description: "Only events starting on or after this day" })
    since?: Date,
    @Arg("planItemId", () => ID, { nullable: true }) planItemId?: string,
    @Arg("kind", () => EventKind, { nullable: true }) kind?: EventKind,
  ): Promise<RegionalEvent[]> {
    return listRegionalEvents(ctx.store, { year, since, planItemId, kind });
  }

  @Query(() => RegionalEvent, { nullable: true })
  @Policy("readRegionalActivities", ({ id }) => [id])
  regionalEvent(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: DirectoryContext,
  ): Promise<RegionalEvent | null> {
    return getRegionalEvent(ctx.store, id);
  }

  @Mutation(() => RegionalEvent, { description: "RFP coordinators only" })
  @Policy("coordinateActivities", () => [])
  async createRegionalEvent(
    @Arg("input", () => RegionalEventInput) input: RegionalEventInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<RegionalEvent> {
    const event = await createRegionalEvent(ctx.store, input);
    ctx.audit.nameCreated(event.id);
    return event;
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
    return updateRegionalEvent(ctx.store, id, version, input);
  }
}
