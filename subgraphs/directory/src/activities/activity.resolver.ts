import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { assertYear, BadUserInputError, Policy } from "#core";
import { DirectoryContext } from "../context.type";
import { RegionalEvent } from "../events/event.type";
import { ActivityStatus } from "./activity.enums";
import { addActivityNote, getActivity, planOfAction, setActivityStatus } from "./activity.service";
import { Activity, ActivityNote, ActivityNoteInput, PlanOfActionView } from "./activity.type";

const inYear = (date: Date, year?: number) => year == null || date.getUTCFullYear() === year;

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => PlanOfActionView, {
    description:
      "The activity tracker: every item of the Plan of Action with its status, owner, notes and events",
  })
  @Policy("readRegionalActivities", () => [])
  planOfAction(@Ctx() ctx: DirectoryContext): Promise<PlanOfActionView> {
    return planOfAction(ctx.store);
  }

  @Query(() => Activity, { nullable: true, description: "One item of the Plan, e.g. IV.1" })
  @Policy("readRegionalActivities", ({ id }) => [String(id).slice(0, 20)])
  activity(@Arg("id", () => ID) id: string, @Ctx() ctx: DirectoryContext): Promise<Activity | null> {
    return getActivity(ctx.store, id.slice(0, 20));
  }

  @FieldResolver(() => [ActivityNote], { description: "The RFP's notes, newest first" })
  notes(
    @Root() activity: Activity,
    @Arg("year", () => Int, { nullable: true }) year?: number,
  ): ActivityNote[] {
    assertYear(year);
    return activity.allNotes.filter((n) => inYear(n.writtenOn, year));
  }

  @FieldResolver(() => [RegionalEvent], { description: "The regional events that served this item" })
  async events(
    @Root() activity: Activity,
    @Ctx() ctx: DirectoryContext,
    @Arg("year", () => Int, { nullable: true }) year?: number,
  ): Promise<RegionalEvent[]> {
    assertYear(year);
    return ctx.loaders.eventsOfItem.load(`${year ?? ""}|${activity.id}`);
  }

  @Mutation(() => Activity, {
    description: "RFP coordinators only; version 0 for an item whose status was never set",
  })
  @Policy("coordinateActivities", ({ itemId }) => [String(itemId).slice(0, 20)])
  setActivityStatus(
    @Arg("itemId", () => ID) itemId: string,
    @Arg("status", () => ActivityStatus) status: ActivityStatus,
    @Arg("version", () => Int) version: number,
    @Ctx() ctx: DirectoryContext,
    @Arg("owner", () => String, { nullable: true, description: "RFP, COUNTRIES or a country code" })
    owner?: string,
  ): Promise<Activity> {
    if (!Number.isInteger(version) || version < 0)
      throw new BadUserInputError("must be 0 or more", "version");
    return setActivityStatus(ctx.store, itemId, status, owner ?? undefined, version);
  }

  @Mutation(() => Activity, { description: "RFP coordinators only: progress, a gap or a suggestion, dated" })
  @Policy("coordinateActivities", ({ itemId }) => [String(itemId).slice(0, 20)])
  addActivityNote(
    @Arg("itemId", () => ID) itemId: string,
    @Arg("input", () => ActivityNoteInput) input: ActivityNoteInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<Activity> {
    return addActivityNote(ctx.store, itemId, input, ctx.principal().subject);
  }
}
