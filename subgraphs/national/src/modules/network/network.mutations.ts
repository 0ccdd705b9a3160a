import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { PartnerInput } from "./partner.input";
import { addPartner, removePartner, updatePartner } from "./partner.service";
import { Partner } from "./partner.type";
import { reportPlanProgress } from "./plan-progress.service";
import { ProgressNote, ProgressNoteInput } from "./plan-progress.type";
import { WorkingGroupInput, WorkingGroupMeetingInput } from "./working-group.input";
import { WORKING_GROUP_ID } from "./working-group.model";
import { recordWorkingGroupMeeting, setWorkingGroup } from "./working-group.service";
import { WorkingGroup } from "./working-group.type";

/** The network writes of a country's mutation namespace: partners, the working group, progress on the Plan. */
export function networkMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class NetworkMutations {
    @Policy("writeNetwork", () => [])
    @FieldResolver(() => Partner)
    async addPartner(@Arg("input", () => PartnerInput) input: PartnerInput, @Ctx() ctx: Context) {
      const partner = await addPartner(ctx.store, input);
      ctx.audit.nameCreated(partner.id);
      return partner;
    }

    @Policy("writeNetwork", ({ id }) => [id])
    @FieldResolver(() => Partner)
    updatePartner(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => PartnerInput) input: PartnerInput,
      @Ctx() ctx: Context,
    ) {
      return updatePartner(ctx.store, id, version, input);
    }

    @Policy("writeNetwork", ({ id }) => [id, WORKING_GROUP_ID])
    @FieldResolver(() => ID, {
      description: "Returns the id of the removed partner; it also leaves the working group",
    })
    removePartner(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Ctx() ctx: Context,
    ) {
      return removePartner(ctx.store, id, version);
    }

    @Policy("writeNetwork", () => [WORKING_GROUP_ID])
    @FieldResolver(() => WorkingGroup, {
      description: "Creates the national working group (no version) or replaces it (its current version)",
    })
    setWorkingGroup(
      @Arg("input", () => WorkingGroupInput) input: WorkingGroupInput,
      @Ctx() ctx: Context,
      @Arg("version", () => Int, { nullable: true }) version?: number,
    ) {
      return setWorkingGroup(ctx.store, input, version ?? undefined);
    }

    @Policy("writeNetwork", () => [WORKING_GROUP_ID])
    @FieldResolver(() => WorkingGroup)
    recordWorkingGroupMeeting(
      @Arg("input", () => WorkingGroupMeetingInput) input: WorkingGroupMeetingInput,
      @Ctx() ctx: Context,
    ) {
      return recordWorkingGroupMeeting(ctx.store, input);
    }

    @Policy("writeNetwork", ({ input }) => [String(input?.itemId).slice(0, 20)])
    @FieldResolver(() => ProgressNote)
    reportPlanProgress(@Arg("input", () => ProgressNoteInput) input: ProgressNoteInput, @Ctx() ctx: Context) {
      return reportPlanProgress(ctx, input);
    }
  }
  return NetworkMutations;
}
